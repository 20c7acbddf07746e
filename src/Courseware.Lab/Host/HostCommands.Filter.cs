namespace Courseware.Lab;

public sealed partial class HostCommands
{
    /// <summary>
    /// <c>iptables -S CHAIN</c> on the engine's host (its filter table unless told otherwise), as rows: e.g. the rules in
    /// <c>DOCKER-USER</c>, the chain Docker leaves to you for forwarded traffic, or <c>INPUT</c>.
    /// </summary>
    public async Task<IReadOnlyList<NatRule>> RulesAsync(string chain, string table = "filter", CancellationToken cancellationToken = default)
    {
        RequireCommand([chain], "docker.Host.RulesAsync(\"DOCKER-USER\")");
        var iptables = Succeeded(await Helper.RunAsync(["iptables", "-t", table, "-S", chain], HostHelper.NetAdminCaps, null, cancellationToken).ConfigureAwait(false));
        return IptablesRules.Parse(iptables.Stdout, [chain]);
    }

    /// <summary>
    /// <c>iptables -D CHAIN …</c>: deletes one rule that <see cref="RulesAsync"/> listed, by its whole specification
    /// (not by its number, which shifts when anyone inserts a rule above it).
    /// </summary>
    public async Task<HostCommandResult> DeleteRuleAsync(NatRule rule, string table = "filter", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Succeeded(await Helper.RunAsync(["iptables", "-t", table, .. FirewallTag.DeleteArguments(rule.Rule)], HostHelper.NetAdminCaps, null, cancellationToken).ConfigureAwait(false));
    }
}
