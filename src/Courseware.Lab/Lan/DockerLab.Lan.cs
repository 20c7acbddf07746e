using System.Globalization;
using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>The host end of the neighbour's veth pair.</summary>
    public const string LanInterface = "cw-lan0";

    private static readonly string[] HelperCaps = ["NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE"];

    /// <summary>
    /// Makes a LAN neighbour (see <see cref="LanNeighbour"/>):
    /// <c>docker run -d --name NAME --network none busybox:stable sleep 86400</c>, then a short-lived helper,
    /// <c>docker run --rm --network host --pid host --cap-add NET_ADMIN --cap-add SYS_ADMIN --cap-add SYS_PTRACE busybox:stable sh -c '…'</c>,
    /// adds the veth pair, moves one end into the neighbour and addresses both. Only a rootful Linux engine shares the
    /// host's network with its bridges; on Docker Desktop or a rootless engine the result says why none was made.
    /// </summary>
    public async Task<LanNeighbour> AddLanNeighbourAsync(string name = "lan-neighbour", string hostAddress = "10.250.0.1", string address = "10.250.0.2", CancellationToken cancellationToken = default)
    {
        if (!Engine.HostCanReachContainerIps)
            return new LanNeighbour(name, address, hostAddress, LanInterface, false,
                $"{Engine.ContainerIpReach} A neighbour wired to this host would not share the engine's network, so none was made.", []);

        var run = new RunOptions { Name = name, Network = "none", Command = ["sleep", "86400"], Interactive = false };
        await RunAsync("busybox:stable", run, cancellationToken).ConfigureAwait(false);
        var pid = (await EngineAsync($"docker inspect {name}", () => Client.Containers.InspectContainerAsync(name, cancellationToken)).ConfigureAwait(false)).State?.Pid ?? 0;
        var script = string.Join("; ", [
            "set -e",
            // Refuse addresses this host already routes somewhere other than its default route: they belong to someone.
            $"gw=$(ip route | sed -n 's/^default via \\([^ ]*\\) dev \\([^ ]*\\).*/via \\1 dev \\2/p' | head -n 1)",
            $"if r=$(ip route get {address} 2>/dev/null) && [ -n \"$gw\" ] && ! echo \"$r\" | grep -q \"$gw\"; then echo \"{address} is already routed on this host: $r\" >&2; exit 3; fi",
            $"ip link del {LanInterface} 2>/dev/null || true",
            // busybox ip ignores 'peer name': the peer comes out as vethN, read back from the link's name@peer.
            $"ip link add {LanInterface} type veth",
            $"peer=$(ip -o link show {LanInterface} | sed -n 's/^[0-9]*: {LanInterface}@\\([^:]*\\):.*/\\1/p')",
            $"ip link set $peer netns {pid}",
            $"ip addr add {hostAddress}/{LanNeighbour.PrefixLength} dev {LanInterface}",
            $"ip link set {LanInterface} up",
            $"nsenter -t {pid} -n ip addr add {address}/{LanNeighbour.PrefixLength} dev $peer",
            $"nsenter -t {pid} -n ip link set $peer up",
            $"nsenter -t {pid} -n ip route add default via {hostAddress}",
        ]);
        var wiring = await RunHostHelperAsync(["sh", "-c", script], cancellationToken).ConfigureAwait(false);
        if (wiring.ExitCode != 0)
        {
            await RemoveAsync(name, cancellationToken).ConfigureAwait(false);
            throw new LabException($"The LAN neighbour could not be wired: {wiring.Output.Trim()}",
                wiring.ExitCode == 3 ? "Pass addresses this host does not use, e.g. AddLanNeighbourAsync(hostAddress: \"10.251.0.1\", address: \"10.251.0.2\")."
                    : "The helper needs --pid host and the NET_ADMIN, SYS_ADMIN and SYS_PTRACE capabilities; a hardened engine (userns-remap, an authorization plugin) may refuse them.");
        }
        return new LanNeighbour(name, address, hostAddress, LanInterface, true,
            $"A --network none container with one end of a veth pair; the other end, {LanInterface}, is the host's interface at {hostAddress}.",
            [run.ToCommandLine("busybox:stable"), HostHelperCommandLine(["sh", "-c", script])]);
    }

    /// <summary>
    /// <c>docker exec NEIGHBOUR sh -c 'printf "GET / HTTP/1.0\r\n\r\n" | nc -w 2 ADDRESS PORT'</c>: does a web
    /// server answer the neighbour there? (busybox's wget crashes in a container that started with --network none, so
    /// the request is written by hand.)
    /// </summary>
    public async Task<ReachResult> TryFromNeighbourAsync(LanNeighbour neighbour, string what, string address, int port, CancellationToken cancellationToken = default)
    {
        var target = $"{CliTwin.HostForPort(address)}:{port}";
        var script = $"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 {address} {port.ToString(CultureInfo.InvariantCulture)}";
        var commandLine = CliTwin.Command("docker", "exec", neighbour.Name, "sh", "-c", script);
        if (!neighbour.Available) return new ReachResult(what, target, false, "not tried: " + neighbour.Why, commandLine);
        var exec = await ExecAsync(neighbour.Name, ["sh", "-c", script], cancellationToken).ConfigureAwait(false);
        var answered = exec.Stdout.StartsWith("HTTP/", StringComparison.Ordinal);
        var detail = answered
            ? exec.Stdout.Split('\n')[0].Trim()
            : (exec.Stderr + exec.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no answer";
        return new ReachResult(what, target, answered, detail.Length == 0 ? "no answer" : detail, commandLine);
    }

    /// <summary>
    /// A host firewall that drops everything arriving from the neighbour, like ufw's "deny incoming" limited to that
    /// interface: <c>iptables -I INPUT -i cw-lan0 -j DROP</c>, run in the host's namespaces by a helper container.
    /// Dispose it to remove the rule.
    /// </summary>
    public async Task<HostFirewallRule> BlockIncomingFromAsync(LanNeighbour neighbour, CancellationToken cancellationToken = default)
    {
        if (!neighbour.Available) throw new LabException("There is no LAN neighbour on this engine to firewall.", neighbour.Why);
        string[] rule = ["INPUT", "-i", neighbour.HostInterface, "-j", "DROP"];
        var add = await RunHostHelperAsync(HostIptables(["-I", .. rule]), cancellationToken).ConfigureAwait(false);
        if (add.ExitCode != 0)
            throw new LabException($"The host firewall rule could not be added: {add.Output.Trim()}",
                "The host needs the iptables command (Debian/Ubuntu: apt-get install iptables).");
        return new HostFirewallRule($"iptables -I {string.Join(' ', rule)}", async () =>
        {
            // Delete every copy: a killed earlier run may have left one behind. Also when the cell was interrupted.
            using var cleanup = CellCancellation.Suppress();
            for (var i = 0; i < 5; i++)
                if ((await RunHostHelperAsync(HostIptables(["-D", .. rule]), CancellationToken.None).ConfigureAwait(false)).ExitCode != 0)
                    break;
        });
    }

    /// <summary>
    /// The host's own iptables, run from the helper: it already shares the host's network; nsenter -m borrows the mount
    /// namespace (the host's iptables binary and libraries) of dockerd, a process every rootful engine has on the host.
    /// </summary>
    private static string[] HostIptables(IReadOnlyList<string> arguments) =>
        ["sh", "-c", "PATH=/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin nsenter -t \"$(pidof dockerd | cut -d ' ' -f 1)\" -m iptables " + string.Join(' ', arguments)];

    private static string HostHelperCommandLine(IReadOnlyList<string> command) =>
        CliTwin.Command(["docker", "run", "--rm", "--network", "host", "--pid", "host", .. HelperCaps.SelectMany(c => new[] { "--cap-add", c }), "busybox:stable", .. command]);

    /// <summary>Runs a short-lived helper in the host's network and pid namespaces and returns its exit code and output.</summary>
    private async Task<(long ExitCode, string Output)> RunHostHelperAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        await EnsureImageAsync("busybox:stable", cancellationToken).ConfigureAwait(false);
        CreateContainerResponse created;
        try
        {
            created = await Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = "busybox:stable",
                Cmd = command.ToList(),
                Labels = NewLabels(),
                HostConfig = new HostConfig { NetworkMode = "host", PidMode = "host", CapAdd = HelperCaps.ToList() },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, Engine.Endpoint, HostHelperCommandLine(command));
        }
        try
        {
            await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            var wait = await Client.Containers.WaitContainerAsync(created.ID, cancellationToken).ConfigureAwait(false);
            var output = string.Join('\n', await LogsAsync(created.ID, 50, cancellationToken).ConfigureAwait(false));
            return (wait.StatusCode, output);
        }
        finally
        {
            using var cleanup = CellCancellation.Suppress();
            await RemoveAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

/// <summary>A host firewall rule a lesson added; disposing it removes the rule.</summary>
public sealed class HostFirewallRule(string commandLine, Func<Task> remove) : IAsyncDisposable
{
    private int _removed;

    /// <summary>The iptables command that added it.</summary>
    public string CommandLine { get; } = commandLine;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 0) await remove().ConfigureAwait(false);
    }

    public override string ToString() => CommandLine;
}
