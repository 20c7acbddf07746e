using System.Globalization;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// <c>docker.Host</c>: the engine host's own tools, run for the learner by a short-lived helper container
/// (<see cref="HostHelper"/>; each result's <c>CommandLine</c> is the docker command that ran). <c>iptables -t nat -S</c>,
/// <c>ss -ltunp</c> in a container's network namespace, <c>tcpdump</c> on the course's own bridges and veths. On a
/// rootless engine they run inside RootlessKit's namespaces, where that engine's bridges, rules and docker-proxy live.
/// </summary>
public sealed partial class HostCommands
{
    private readonly EngineSession _session;

    /// <summary>For the container verbs this group builds on (docker inspect, logs, rm), as a learner would use them.</summary>
    private readonly DockerLab _lab;

    internal HostCommands(EngineSession session, DockerLab lab)
    {
        _session = session;
        _lab = lab;
        Helper = new HostHelper(session, lab);
    }

    internal HostHelper Helper { get; }

    /// <summary>
    /// Runs a command on the engine's host, e.g. <c>RunAsync("ss", "-ltn")</c> or <c>RunAsync("conntrack", "-L")</c>,
    /// with its binaries and network (RootlessKit's on a rootless engine). A missing command is a
    /// <see cref="HostToolMissingException"/>; any other exit code is in the result.
    /// </summary>
    public Task<HostCommandResult> RunAsync(params string[] command) => RunAsync(command, CancellationToken.None);

    /// <inheritdoc cref="RunAsync(string[])"/>
    public Task<HostCommandResult> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        RequireCommand(command, "docker.Host.RunAsync(\"ss\", \"-ltn\")");
        return Helper.RunAsync(command, HostHelper.NetAdminCaps, null, cancellationToken);
    }

    /// <summary>
    /// <c>nsenter -t PID -n COMMAND</c>: a host command inside a running container's network namespace (its interfaces,
    /// its loopback, its sockets), e.g. <c>NsenterAsync("web", "ip", "addr")</c>, for images that have no such tool.
    /// </summary>
    public Task<HostCommandResult> NsenterAsync(string container, params string[] command) => NsenterAsync(container, command, CancellationToken.None);

    /// <inheritdoc cref="NsenterAsync(string, string[])"/>
    public async Task<HostCommandResult> NsenterAsync(string container, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        RequireCommand(command, "docker.Host.NsenterAsync(\"web\", \"ss\", \"-ltn\")");
        var ns = await NamespaceAsync(container, cancellationToken).ConfigureAwait(false);
        return await Helper.RunAsync(command, HostHelper.NetAdminCaps, ns, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>nsenter -t PID -n ss -ltunp</c>: what listens in a container's network namespace, and on which address. An app
    /// bound to 127.0.0.1 there answers only from inside (<see cref="ListeningSocket.LoopbackOnly"/>).
    /// </summary>
    public async Task<ListeningSockets> ListeningAsync(string container, CancellationToken cancellationToken = default)
    {
        var ns = await NamespaceAsync(container, cancellationToken).ConfigureAwait(false);
        var ss = Succeeded(await Helper.RunAsync(["ss", "-ltunp"], HostHelper.ReadCaps, ns, cancellationToken).ConfigureAwait(false));
        return new ListeningSockets(container, SsOutput.Parse(ss.Stdout), ss);
    }

    /// <summary>
    /// <c>iptables -t nat -S</c> on the engine's host, its DOCKER and POSTROUTING chains as rows: the DNAT rule behind
    /// each published port (<c>! -i docker0 --dport 8080 → 172.17.0.2:80</c>) and the MASQUERADE rule of each bridge subnet.
    /// </summary>
    public async Task<NatRules> NatRulesAsync(CancellationToken cancellationToken = default)
    {
        var iptables = Succeeded(await Helper.RunAsync(["iptables", "-t", "nat", "-S"], HostHelper.NetAdminCaps, null, cancellationToken).ConfigureAwait(false));
        return new NatRules(IptablesRules.Parse(iptables.Stdout, NatRules.Chains.ToList()), iptables);
    }

    /// <summary>
    /// <c>tcpdump -n -l -i IFACE -c MAXPACKETS FILTER</c> on the engine's host, started before <paramref name="during"/>
    /// runs and stopped after it (or after <paramref name="maxSeconds"/>, or <paramref name="maxPackets"/> packets).
    /// Only an interface of this lesson may be captured: the bridge of one of its networks (docker0 while one of its
    /// containers is on the default bridge), or the host end of one of its containers' veths (the LAN neighbour's
    /// too); any other is refused before tcpdump runs.
    /// </summary>
    public async Task<CaptureResult> CaptureAsync(string iface, string filter, Func<Task> during, int maxPackets = 100, int maxSeconds = 30, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(during);
        if (string.IsNullOrEmpty(iface) || !InterfaceName().IsMatch(iface))
            throw new LabException($"'{iface}' is not an interface name.", "Pass a bridge or veth name as `ip link` shows it, e.g. docker0 or br-1a2b3c4d5e6f.");
        if (maxPackets is < 1 or > 10_000 || maxSeconds is < 1 or > 600)
            throw new LabException($"A capture of up to {maxPackets} packets for up to {maxSeconds} s is out of range.", "Capture 1 to 10,000 packets for 1 to 600 seconds.");
        var ours = await CourseInterfacesAsync(iface, cancellationToken).ConfigureAwait(false);
        if (!ours.Contains(iface))
            throw new LabException($"Capturing on '{iface}' is refused: it is not a bridge or veth of this lesson.",
                ours.Count == 0
                    ? "Capture on an interface of this lesson: run a container or create a network first (docker.Network.InspectAsync shows its bridge)."
                    : $"Capture on one of this lesson's interfaces: {string.Join(", ", ours.Order(StringComparer.Ordinal))}.");

        string[] command = ["timeout", "-s", "INT", maxSeconds.ToString(CultureInfo.InvariantCulture),
            "tcpdump", "-n", "-l", "-Z", "root", "-c", maxPackets.ToString(CultureInfo.InvariantCulture), "-i", iface, .. filter.Length > 0 ? [filter] : Array.Empty<string>()];
        var run = await Helper.StartAsync(command, HostHelper.CaptureCaps, null, cancellationToken).ConfigureAwait(false);
        var id = run.Id;
        try
        {
            await WaitUntilListeningAsync(run, cancellationToken).ConfigureAwait(false);
            await during().ConfigureAwait(false);
            // The last packets of an exchange (the final ACK) reach the interface just after the call returns.
            await Task.Delay(300, cancellationToken).ConfigureAwait(false);
            await StopAsync(id, cancellationToken).ConfigureAwait(false);
            var wait = await _session.EngineAsync("docker wait", () => _session.Client.Containers.WaitContainerAsync(id, cancellationToken)).ConfigureAwait(false);
            var (stdout, stderr) = await Helper.OutputAsync(id, cancellationToken).ConfigureAwait(false);
            // 124: timeout ended it after maxSeconds; its packets are kept all the same.
            var result = Succeeded(HostHelper.Result(run, wait.StatusCode, stdout, stderr, tool: "tcpdump"), acceptedExitCodes: [124]);
            var statistics = string.Join('\n', stderr.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains("packets ", StringComparison.Ordinal)));
            return new CaptureResult(iface, filter, TcpdumpOutput.Parse(stdout), statistics, result);
        }
        finally
        {
            using (CellCancellation.Suppress())
                await _session.RemoveContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>tcpdump says "listening on IFACE" once its socket is open: packets from then on are captured.</summary>
    private async Task WaitUntilListeningAsync(HelperRun run, CancellationToken cancellationToken)
    {
        var id = run.Id;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var (stdout, stderr) = await Helper.OutputAsync(id, cancellationToken).ConfigureAwait(false);
            if (stderr.Contains("listening on ", StringComparison.Ordinal)) return;
            var state = await _session.EngineAsync("docker inspect", () => _session.Client.Containers.InspectContainerAsync(id, cancellationToken)).ConfigureAwait(false);
            if (state.State?.Running != true)
            {
                Succeeded(HostHelper.Result(run, state.State?.ExitCode ?? -1, stdout, stderr, tool: "tcpdump"));
                throw new LabException("tcpdump stopped before it listened.", "Read its output below.", stderr + stdout);
            }
            if (DateTime.UtcNow > deadline)
                throw new LabException("tcpdump did not start listening within 15 s.", "The engine's host may be busy; re-run the cell.", stderr);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>docker kill --signal INT</c>: tcpdump prints its counts and exits; a helper already gone is fine.</summary>
    private async Task StopAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _session.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "INT" }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e) && e is Docker.DotNet.DockerApiException) { }
    }

    /// <summary>
    /// The interfaces this lesson may capture on: its bridge networks' bridges, docker0 while one of its containers is on
    /// the default bridge, and (unless <paramref name="wanted"/> is already one of those) the host ends of its running
    /// containers' veths, found by interface index (a container's <c>eth0@ifN</c> is the host's interface N).
    /// </summary>
    internal async Task<IReadOnlySet<string>> CourseInterfacesAsync(string wanted, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var networks = await _session.EngineAsync("docker network ls", () => _session.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = _session.SessionFilter() }, cancellationToken)).ConfigureAwait(false);
        foreach (var n in networks.Where(n => n.Driver == "bridge")) found.Add(BridgeName(n));
        var containers = await _session.EngineAsync("docker ps", () => _session.Client.Containers.ListContainersAsync(new ContainersListParameters { Filters = _session.SessionFilter() }, cancellationToken)).ConfigureAwait(false);
        if (containers.Any(c => c.NetworkSettings?.Networks?.ContainsKey("bridge") == true))
        {
            var bridge = await _session.EngineAsync("docker network inspect bridge", () => _session.Client.Networks.InspectNetworkAsync("bridge", cancellationToken)).ConfigureAwait(false);
            found.Add(BridgeName(bridge));
        }
        if (found.Contains(wanted)) return found;

        // The host end of each veth: a container's eth0@ifN is the host's interface N. Only containers with a network
        // namespace of their own (a helper's is the host's, whose list would name every interface).
        var peers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in containers.Where(c => c.HostConfig?.NetworkMode is not "host"))
        {
            HostCommandResult links;
            try
            {
                links = await Helper.RunAsync(["ip", "-o", "link", "show"], HostHelper.ReadCaps, await NamespaceAsync(c.ID, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (ContainerExitedException) { continue; } // stopped since docker ps listed it: it has no veth any more
            foreach (Match m in VethPeer().Matches(links.Stdout)) peers.Add(m.Groups["peer"].Value);
        }
        if (peers.Count == 0) return found;
        var host = await Helper.RunAsync(["ip", "-o", "link", "show"], HostHelper.ReadCaps, null, cancellationToken).ConfigureAwait(false);
        foreach (Match m in Link().Matches(host.Stdout))
            if (peers.Contains(m.Groups["index"].Value)) found.Add(m.Groups["name"].Value);
        return found;
    }

    private static string BridgeName(NetworkResponse n) =>
        n.Options is not null && n.Options.TryGetValue("com.docker.network.bridge.name", out var name) && name.Length > 0 ? name : "br-" + n.ID[..12];

    /// <summary>A running container's network namespace: its id, name and host pid.</summary>
    private async Task<ContainerNamespace> NamespaceAsync(string container, CancellationToken cancellationToken)
    {
        var details = await _lab.InspectAsync(container, cancellationToken).ConfigureAwait(false);
        if (!details.Running)
            throw new ContainerExitedException(details.Name, details.ExitCode, await _lab.LogsAsync(details.Id, 20, cancellationToken).ConfigureAwait(false));
        var inspect = await _session.EngineAsync($"docker inspect {details.Name}", () => _session.Client.Containers.InspectContainerAsync(details.Id, cancellationToken)).ConfigureAwait(false);
        return new ContainerNamespace(details.Id, details.Name, inspect.State?.Pid ?? 0);
    }

    /// <summary>A host tool's run that must succeed: anything else is a typed error with its output.</summary>
    private static HostCommandResult Succeeded(HostCommandResult result, IReadOnlyList<long>? acceptedExitCodes = null)
    {
        if (result.Succeeded || acceptedExitCodes?.Contains(result.ExitCode) == true) return result;
        throw new LabException($"{result.HostCommand} failed on the engine's host (exit code {result.ExitCode}).",
            "Read its output below; the docker command that ran it is the same in a terminal: " + result.CommandLine, (result.Stderr + result.Stdout).Trim());
    }

    private static void RequireCommand(IReadOnlyList<string> command, string example)
    {
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new LabException("No command was given to run on the engine's host.", $"Name the command and its arguments, e.g. {example}.");
    }

    // `ip -o link` lines: "2: eth0@if23: <…>" in a container (peer index 23), "23: veth1a2b3c4@if2: <…>" on the host.
    [GeneratedRegex(@"(?m)^\d+: [^:@\s]+@if(?<peer>\d+):", RegexOptions.CultureInvariant)]
    private static partial Regex VethPeer();

    [GeneratedRegex(@"(?m)^(?<index>\d+): (?<name>[^:@\s]+)[:@]", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    // What `ip link` accepts as a name: up to 15 characters, no spaces or slashes.
    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex InterfaceName();
}
