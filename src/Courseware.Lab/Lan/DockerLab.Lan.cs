using System.Globalization;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>The host end of the default neighbour's veth pair (host address 10.250.0.1).</summary>
    public const string LanInterface = "cw-lan0";

    /// <summary>
    /// The host end of a neighbour's veth pair, named after its subnet (cw-lan + the host address's third number):
    /// lessons open at the same time wire their neighbours on subnets of their own, and re-wiring one (a re-run cell)
    /// never takes another lesson's neighbour away.
    /// </summary>
    internal static string LanInterfaceFor(string hostAddress) =>
        System.Net.IPAddress.TryParse(hostAddress, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? $"cw-lan{ip.GetAddressBytes()[2].ToString(CultureInfo.InvariantCulture)}"
            : throw new LabException($"The LAN neighbour's host address '{hostAddress}' is not an IPv4 address.", "Pass one such as 10.250.0.1 (and the neighbour's own, 10.250.0.2).");

    /// <summary>
    /// Makes a LAN neighbour (see <see cref="LanNeighbour"/>):
    /// <c>docker run -d --name NAME --network none busybox:stable sleep 86400</c>, then a short-lived helper,
    /// <c>docker run --rm --network host --pid host --cap-drop ALL --cap-add … busybox:stable sh -c '…'</c> (see
    /// <see cref="HostHelper"/>: the host's own sh, ip and nsenter), adds the veth pair, moves one end into the neighbour and addresses both. Only a rootful Linux engine shares the
    /// host's network with its bridges; on Docker Desktop or a rootless engine the result says why none was made.
    /// </summary>
    public async Task<LanNeighbour> AddLanNeighbourAsync(string name = "lan-neighbour", string hostAddress = "10.250.0.1", string address = "10.250.0.2", CancellationToken cancellationToken = default)
    {
        var hostInterface = LanInterfaceFor(hostAddress);
        if (!Engine.HostCanReachContainerIps)
            return new LanNeighbour(name, address, hostAddress, hostInterface, false,
                $"{Engine.ContainerIpReach} A neighbour wired to this host would not share the engine's network, so none was made.", []);

        var run = new RunOptions { Name = name, Network = PredefinedNetworks.None, Command = ["sleep", "86400"], Interactive = false };
        await RunAsync(LabImages.Base, run, cancellationToken).ConfigureAwait(false);
        var pid = (await Session.EngineAsync($"docker inspect {name}", () => Client.Containers.InspectContainerAsync(name, cancellationToken)).ConfigureAwait(false)).State?.Pid ?? 0;
        var script = string.Join("; ", [
            "set -e",
            // Refuse addresses this host already routes somewhere other than its default route: they belong to someone.
            $"gw=$(ip route | sed -n 's/^default via \\([^ ]*\\) dev \\([^ ]*\\).*/via \\1 dev \\2/p' | head -n 1)",
            $"if r=$(ip route get {address} 2>/dev/null) && [ -n \"$gw\" ] && ! echo \"$r\" | grep -q \"$gw\"; then echo \"{address} is already routed on this host: $r\" >&2; exit 3; fi",
            $"ip link del {hostInterface} 2>/dev/null || true",
            // The peer gets the kernel's name (vethN), read back from the link's name@peer.
            $"ip link add {hostInterface} type veth",
            $"peer=$(ip -o link show {hostInterface} | sed -n 's/^[0-9]*: {hostInterface}@\\([^:]*\\):.*/\\1/p')",
            $"ip link set $peer netns {pid}",
            $"ip addr add {hostAddress}/{LanNeighbour.PrefixLength} dev {hostInterface}",
            $"ip link set {hostInterface} up",
            $"nsenter -t {pid} -n ip addr add {address}/{LanNeighbour.PrefixLength} dev $peer",
            $"nsenter -t {pid} -n ip link set $peer up",
            $"nsenter -t {pid} -n ip route add default via {hostAddress}",
        ]);
        string[] wire = ["sh", "-c", script];
        HostCommandResult wiring;
        try
        {
            wiring = await Host.Helper.RunAsync(wire, HostHelper.NetAdminCaps, null, cancellationToken, tool: "ip").ConfigureAwait(false);
        }
        catch
        {
            using (CellCancellation.Suppress())
                await RmAsync(name, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (!wiring.Succeeded)
        {
            await RmAsync(name, cancellationToken).ConfigureAwait(false);
            throw new LabException($"The LAN neighbour could not be wired: {(wiring.Stderr + wiring.Stdout).Trim()}",
                wiring.ExitCode == 3 ? "Pass addresses this host does not use, e.g. AddLanNeighbourAsync(hostAddress: \"10.251.0.1\", address: \"10.251.0.2\")."
                    : "The helper needs --pid host and the capabilities its command line lists; a hardened engine (userns-remap, an authorization plugin) may refuse them.",
                wiring.CommandLine);
        }
        return new LanNeighbour(name, address, hostAddress, hostInterface, true,
            $"A --network none container with one end of a veth pair; the other end, {hostInterface}, is the host's interface at {hostAddress}.",
            [run.ToCommandLine(LabImages.Base), wiring.CommandLine]);
    }

    /// <summary>
    /// <c>docker exec NEIGHBOUR sh -c 'printf "GET / HTTP/1.0\r\n\r\n" | nc -w 2 ADDRESS PORT'</c>: does a web
    /// server answer the neighbour there? (busybox's wget crashes in a container that started with --network none, so
    /// the request is written by hand.)
    /// </summary>
    public async Task<ReachResult> TryFromNeighbourAsync(LanNeighbour neighbour, string what, string address, int port, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(neighbour))] string? neighbourExpression = null)
    {
        neighbour = EarlierStep.Neighbour(neighbour, neighbourExpression);
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
}
