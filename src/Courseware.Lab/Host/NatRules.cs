namespace Courseware.Lab;

/// <summary>
/// The engine's port publishing and outbound NAT, read from its host's netfilter (<see cref="HostCommands.NatRulesAsync"/>):
/// the rules of the nat table's DOCKER chain (a DNAT per published port) and POSTROUTING (MASQUERADE per bridge subnet).
/// </summary>
public sealed record NatRules(IReadOnlyList<NatRule> Rules, HostCommandResult Command)
{
    /// <summary>The chains shown: the engine's own and the one that masquerades.</summary>
    public static readonly IReadOnlyList<string> Chains = ["DOCKER", "POSTROUTING"];

    /// <summary>DNAT rules: one per published host port.</summary>
    public IReadOnlyList<NatRule> Dnat => Rules.Where(r => r.Target == "DNAT").ToList();

    /// <summary>MASQUERADE rules: a bridge subnet's outbound traffic leaves with the host's address.</summary>
    public IReadOnlyList<NatRule> Masquerade => Rules.Where(r => r.Target == "MASQUERADE").ToList();

    public override string ToString() =>
        $"$ {Command.HostCommand}\n" + string.Join('\n', Rules.Select(r => r.ToString()));
}
