namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>Set once this session adds a host firewall rule: its clean-up then looks for the session's rules.</summary>
    private int _addedFirewallRules;

    /// <summary>
    /// A host firewall that drops everything arriving from the neighbour, like ufw's "deny incoming" limited to that
    /// interface: <c>iptables -I INPUT -i cw-lanN -j DROP -m comment --comment "courseware.session=…"</c>, the host's own
    /// iptables run by the helper container (<see cref="HostHelper"/>). Dispose it to remove the rule; the session's
    /// clean-up (and, after a crash, the next connect) removes it too.
    /// </summary>
    public async Task<HostFirewallRule> BlockIncomingFromAsync(LanNeighbour neighbour, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(neighbour))] string? neighbourExpression = null)
    {
        neighbour = EarlierStep.Neighbour(neighbour, neighbourExpression);
        if (!neighbour.Available) throw new LabException("There is no LAN neighbour on this engine to firewall.", neighbour.Why);
        return await AddFirewallRuleAsync("INPUT", ["-i", neighbour.HostInterface], $"block-incoming:{neighbour.HostInterface}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A <c>DOCKER-USER</c> rule that drops forwarded traffic to a container's port, from the LAN neighbour only where
    /// there is one: <c>iptables -I DOCKER-USER [-i cw-lanN] -d CONTAINER-IP/32 -p tcp --dport PORT -j DROP -m comment
    /// --comment "courseware.session=…"</c>. DOCKER-USER sees packets after the DNAT of a published port, so the
    /// container's own address and port are what it matches. Planting it again for the same container replaces it.
    /// Dispose it to remove it; the session's clean-up (and, after a crash, the next connect) removes it too.
    /// </summary>
    public async Task<HostFirewallRule> DropForwardedAsync(string container, int containerPort, LanNeighbour? from = null, CancellationToken cancellationToken = default)
    {
        var ip = (await InspectAsync(container, cancellationToken).ConfigureAwait(false)).IpAddress;
        if (string.IsNullOrEmpty(ip))
            throw new LabException($"{container} has no address on a bridge network, so no forwarded traffic reaches it.", "Run it on the default bridge or a network of its own first.");
        string[] match = [.. from is { Available: true } neighbour ? new[] { "-i", neighbour.HostInterface } : [], "-d", $"{ip}/32", "-p", "tcp", "--dport", containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return await AddFirewallRuleAsync("DOCKER-USER", match, $"drop-forwarded:{container}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps a published host port to one LAN neighbour: <c>iptables -I DOCKER-USER -i cw-lan+ -p tcp -m conntrack
    /// --ctorigdstport PORT --ctdir ORIGINAL ! -s ALLOWED -j DROP -m comment --comment "courseware.session=…"</c>.
    /// DOCKER-USER sees packets after the DNAT, so conntrack's original destination port is the host port; <c>-i cw-lan+</c>
    /// limits the rule to the course's neighbours' cables, so no other traffic of the host is touched. It sees forwarded
    /// traffic only: a request from the host itself goes to docker-proxy and never passes it. Dispose it to remove it; the
    /// session's clean-up (and, after a crash, the next connect) removes it too.
    /// </summary>
    public async Task<HostFirewallRule> LimitPublishedPortAsync(int hostPort, LanNeighbour allowed, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(allowed))] string? allowedExpression = null)
    {
        allowed = EarlierStep.Neighbour(allowed, allowedExpression);
        if (!allowed.Available) throw new LabException("There is no LAN neighbour on this engine to allow.", allowed.Why);
        var port = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] match = ["-i", CourseInterfaces, "-p", "tcp", "-m", "conntrack", "--ctorigdstport", port, "--ctdir", "ORIGINAL", "!", "-s", $"{allowed.Address}/32"];
        return await AddFirewallRuleAsync("DOCKER-USER", match, $"limit-port:{port}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every neighbour's host interface (<see cref="LanInterfaceFor"/>) and nothing else, as iptables' wildcard.</summary>
    private const string CourseInterfaces = "cw-lan+";

    /// <summary>Inserts a DROP rule tagged with this session and <paramref name="purpose"/>, replacing this session's earlier rule of that purpose.</summary>
    private async Task<HostFirewallRule> AddFirewallRuleAsync(string chain, IReadOnlyList<string> match, string purpose, CancellationToken cancellationToken)
    {
        await RemoveFirewallRulesAsync(l => IsThisSession(l) && l.TryGetValue(FirewallTag.RuleKey, out var p) && p == purpose, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _addedFirewallRules, 1);
        string[] rule = [chain, .. match, "-m", "comment", "--comment", FirewallTag.Comment(Session.NewLabels(), purpose), "-j", "DROP"];
        var add = await Host.Helper.RunAsync(["iptables", "-I", .. rule], HostHelper.NetAdminCaps, null, cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
            throw new LabException($"The host firewall rule could not be added: {(add.Stderr + add.Stdout).Trim()}",
                "Read iptables' message; the same helper in a terminal fails the same way: " + add.CommandLine);
        return new HostFirewallRule(CliTwin.Command(["iptables", "-I", .. rule]), async () =>
        {
            // Also when the cell was interrupted.
            using var cleanup = CellCancellation.Suppress();
            await Host.Helper.RunAsync(["iptables", "-D", .. rule], HostHelper.NetAdminCaps, null, CancellationToken.None).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Deletes the course's tagged rules in the host's filter table whose labels <paramref name="select"/> picks (the
    /// same choice clean-up makes for containers), and returns them. An engine whose host the helper cannot read
    /// (Docker Desktop, no iptables) has none of the course's rules: nothing to remove.
    /// </summary>
    internal async Task<IReadOnlyList<string>> RemoveFirewallRulesAsync(Func<IDictionary<string, string>, bool> select, CancellationToken cancellationToken)
    {
        // Docker Desktop's host is its VM, which the helper cannot enter: the course added no rule there.
        if (Engine.Os != "linux" || Engine.IsDockerDesktop) return [];
        HostCommandResult rules;
        try
        {
            rules = await Host.Helper.RunAsync(["iptables", "-S"], HostHelper.NetAdminCaps, null, cancellationToken).ConfigureAwait(false);
        }
        // Docker Desktop, no iptables, a hardened engine that refuses the helper: the course added no rule there.
        catch (LabException) { return []; }
        var removed = new List<string>();
        foreach (var line in rules.Stdout.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("-A ", StringComparison.Ordinal) || FirewallTag.Read(line) is not { } labels || !select(labels)) continue;
            // A parallel clean-up may have deleted it first: that is success too, so the exit code is not judged.
            using (CellCancellation.Suppress())
                await Host.Helper.RunAsync(["iptables", .. FirewallTag.DeleteArguments(line)], HostHelper.NetAdminCaps, null, CancellationToken.None).ConfigureAwait(false);
            removed.Add(line);
        }
        return removed;
    }

    private bool IsThisSession(IDictionary<string, string>? labels) => labels?.TryGetValue(LabLabels.Session, out var session) == true && session == SessionId;
}
