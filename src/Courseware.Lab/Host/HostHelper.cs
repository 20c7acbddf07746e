using System.Globalization;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// The one way the course runs a command on the engine's host: a short-lived helper container from busybox:stable (the
/// course's seeded image: no registry, no root for the learner) that runs the host's own binary, the iptables dockerd
/// itself uses (legacy or nft), its tcpdump, ss, ip and conntrack. The LAN neighbour and <see cref="HostCommands"/> both
/// run through here, and each result carries the exact docker command.
/// <list type="bullet">
/// <item>Rootful: <c>docker run --rm --network host --pid host --cap-drop ALL --cap-add … busybox:stable sh -c 'PROLOGUE' sh COMMAND…</c>.
/// The prologue finds the dockerd sharing the helper's network namespace and enters its mount namespace
/// (<c>nsenter -t DOCKERD -m</c>), and a container's network namespace with <c>-n/proc/PID/ns/net</c>.</item>
/// <item>Rootless: runc cannot mount /proc for <c>--pid host</c> inside the user namespace, so the helper has its own pid
/// namespace and reaches the binaries through a read-only bind of the host's root instead:
/// <c>docker run --rm --network host -v /:/host:ro --tmpfs /host/run … busybox:stable chroot /host COMMAND…</c>.
/// <c>--network host</c> is RootlessKit's namespace, where this engine's bridges, rules and docker-proxy live; a
/// container's namespace is joined with <c>--network container:NAME</c>. The private /run keeps iptables' lock file
/// writable (the host's is root's, not the rootless user's).</item>
/// </list>
/// </summary>
/// <param name="lab">For the image the helper runs (EnsureImageAsync), as a learner would pull it.</param>
internal sealed class HostHelper(EngineSession session, DockerLab lab)
{
    private const string Image = LabImages.Base;
    private const string HostPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The twin's arguments for the two ways in: the host's pid namespace (rootful), the host's root read-only (rootless).</summary>
    private static readonly string[] PidHostArguments = ["--pid", "host"];
    private static readonly string[] RootlessRootArguments = ["-v", "/:/host:ro", "--tmpfs", "/host/run"];

    /// <summary>The exit code of the prologue when no dockerd shares the helper's network namespace.</summary>
    internal const int NoEngineProcess = 125;

    /// <summary>Reading sockets and links: nothing beyond what reaching the host's binaries takes.</summary>
    internal static readonly IReadOnlyList<string> ReadCaps = [];

    /// <summary>Changing links, addresses and firewall rules (ip, iptables, conntrack): NET_ADMIN, and NET_RAW for iptables' socket.</summary>
    internal static readonly IReadOnlyList<string> NetAdminCaps = ["NET_ADMIN", "NET_RAW"];

    /// <summary>tcpdump: NET_RAW for the packet socket, SETUID/SETGID for its <c>-Z root</c> (it would otherwise switch to a user the engine's host may not map).</summary>
    internal static readonly IReadOnlyList<string> CaptureCaps = ["NET_RAW", "SETUID", "SETGID"];

    /// <summary>
    /// Reaching the binaries: rootful, nsenter into a mount namespace (SYS_ADMIN, SYS_CHROOT) of a process it must
    /// inspect (SYS_PTRACE); rootless, chroot (SYS_CHROOT). SYS_PTRACE also lets <c>ss -p</c> name a socket's process.
    /// </summary>
    private IReadOnlyList<string> BaseCaps => session.Engine.IsRootless ? ["SYS_CHROOT", "SYS_PTRACE"] : ["SYS_ADMIN", "SYS_CHROOT", "SYS_PTRACE"];

    /// <summary>
    /// Rootful: the script run by the helper's own busybox sh. It picks the dockerd whose network namespace is the
    /// helper's (with <c>--pid host</c> it may see a second engine, e.g. a rootless one beside it), then execs the
    /// command in its mount namespace, and in a container's network namespace when given one. Of two dockerds in this
    /// network namespace (a second engine started from another mount namespace), the one that started this helper
    /// wins: its containerd-shim, the helper's parent ($PPID), shares its mount namespace, where its host tools are.
    /// </summary>
    private static string Prologue(ContainerNamespace? ns) =>
        "m=$(readlink /proc/$PPID/ns/mnt); for p in $(pidof dockerd); do [ \"$(readlink /proc/$p/ns/net)\" = \"$(readlink /proc/self/ns/net)\" ] || continue; " +
        "[ -n \"$d\" ] || d=$p; [ \"$(readlink /proc/$p/ns/mnt)\" = \"$m\" ] && d=$p && break; done; " +
        $"[ -n \"$d\" ] || {{ echo 'no dockerd process shares the network namespace of --network host' >&2; exit {NoEngineProcess}; }}; " +
        $"exec nsenter -t \"$d\" -m{(ns is null ? "" : $" -n/proc/{ns.Pid.ToString(CultureInfo.InvariantCulture)}/ns/net")} -- env PATH={HostPath} \"$@\"";

    private (string Network, bool PidHost, IReadOnlyList<string> Caps, List<string> Cmd) Spec(IReadOnlyList<string> command, IReadOnlyList<string> caps, ContainerNamespace? ns) =>
        session.Engine.IsRootless
            ? (ns is null ? "host" : $"container:{ns.Name}", false, [.. BaseCaps, .. caps], ["chroot", "/host", "env", $"PATH={HostPath}", .. command])
            : ("host", true, [.. BaseCaps, .. caps], ["sh", "-c", Prologue(ns), "sh", .. command]);

    /// <summary>The docker CLI twin of a helper run: exactly the container the library creates.</summary>
    internal string CommandLine(IReadOnlyList<string> command, IReadOnlyList<string> caps, ContainerNamespace? ns = null)
    {
        var (network, pidHost, allCaps, cmd) = Spec(command, caps, ns);
        return CliTwin.Command(["docker", "run", "--rm", "--network", network, .. pidHost ? PidHostArguments : RootlessRootArguments,
            "--cap-drop", "ALL", .. allCaps.SelectMany(c => new[] { "--cap-add", c }), Image, .. cmd]);
    }

    /// <summary>
    /// Runs COMMAND on the engine's host (in a container's network namespace when given one) and returns what it
    /// printed. Exit code 127 means <paramref name="tool"/> (COMMAND's first word unless named) is not installed there.
    /// </summary>
    internal async Task<HostCommandResult> RunAsync(IReadOnlyList<string> command, IReadOnlyList<string> caps, ContainerNamespace? ns, CancellationToken cancellationToken, string? tool = null)
    {
        var run = await StartAsync(command, caps, ns, cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = await session.EngineAsync("docker wait", () => session.Client.Containers.WaitContainerAsync(run.Id, cancellationToken)).ConfigureAwait(false);
            var (stdout, stderr) = await OutputAsync(run.Id, cancellationToken).ConfigureAwait(false);
            return Result(run, wait.StatusCode, stdout, stderr, tool);
        }
        finally
        {
            using (CellCancellation.Suppress())
                await session.RemoveContainerAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A finished helper's result; a missing tool and an engine host the helper cannot enter are typed errors.</summary>
    internal static HostCommandResult Result(HelperRun run, long exitCode, string stdout, string stderr, string? tool = null)
    {
        if (exitCode == NoEngineProcess && stderr.Contains("no dockerd process", StringComparison.Ordinal))
            throw new UnsupportedEngineException(
                "The helper container found no dockerd process in its --network host namespace, so it cannot use the engine host's own tools. " +
                "Docker Desktop runs its engine inside a VM under its own service layout; this course reads the engine's host only on Docker Engine for Linux.",
                "Run this step on Docker Engine on Linux (rootful, or rootless with dockerd-rootless.sh), or read the lesson's executed copy.");
        if (exitCode == 127)
        {
            var missing = tool ?? run.Command[0];
            throw new HostToolMissingException(missing, PackageOf(missing), stderr.Trim());
        }
        return new HostCommandResult(run.Shown, exitCode, stdout, stderr, run.CommandLine);
    }

    /// <summary>The Debian package of a host tool the course uses.</summary>
    private static string PackageOf(string tool) => tool switch
    {
        "ss" or "ip" or "bridge" => "iproute2",
        "nsenter" => "util-linux",
        "iptables" or "iptables-save" => "iptables",
        _ => tool,
    };

    /// <summary>Creates and starts the helper; the caller waits for it and removes it (a long-running capture).</summary>
    internal async Task<HelperRun> StartAsync(IReadOnlyList<string> command, IReadOnlyList<string> caps, ContainerNamespace? ns, CancellationToken cancellationToken)
    {
        if (session.Engine.Os != "linux")
            throw new UnsupportedEngineException($"This engine runs {session.Engine.Os} containers: it has no Linux host to run {command[0]} on.",
                "Use a Linux engine (Docker Engine on Linux, or Docker Desktop in Linux containers mode).");
        await lab.EnsureImageAsync(Image, cancellationToken).ConfigureAwait(false);
        var (network, pidHost, allCaps, cmd) = Spec(command, caps, ns);
        var cli = CommandLine(command, caps, ns);
        var created = await session.EngineAsync(cli, () => session.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = Image,
            Cmd = cmd,
            Labels = session.NewLabels(),
            HostConfig = new HostConfig
            {
                NetworkMode = network,
                // Docker.DotNet leaves a null setting out of the request (its models are not annotated for null).
                PidMode = pidHost ? "host" : null!,
                Binds = pidHost ? null! : ["/:/host:ro"],
                Tmpfs = pidHost ? null : new Dictionary<string, string> { ["/host/run"] = "" },
                CapDrop = ["ALL"],
                CapAdd = allCaps.ToList(),
            },
        }, cancellationToken), "The helper needs the capabilities its command lists; a hardened engine (userns-remap, an authorization plugin) may refuse them.").ConfigureAwait(false);
        try
        {
            await session.EngineAsync(cli, () => session.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            using (CellCancellation.Suppress())
                await session.RemoveContainerAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        // What the learner would type on the host itself: nsenter into the container's namespace, where the helper does so.
        IReadOnlyList<string> shown = ns is not null && pidHost ? ["nsenter", "-t", ns.Pid.ToString(CultureInfo.InvariantCulture), "-n", .. command] : command;
        return new HelperRun(created.ID, command, shown, cli);
    }

    /// <summary>Everything the helper printed so far: <c>docker logs</c>, stdout and stderr apart.</summary>
    internal Task<(string Stdout, string Stderr)> OutputAsync(string id, CancellationToken cancellationToken) =>
        session.EngineAsync($"docker logs {CliTwin.ShortId(id)}", async () =>
        {
            using var stream = await session.Client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            return (stdout.Replace("\r", "", StringComparison.Ordinal), stderr.Replace("\r", "", StringComparison.Ordinal));
        });
}
