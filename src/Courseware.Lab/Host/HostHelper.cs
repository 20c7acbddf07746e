using System.Globalization;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// The one way the course runs a command on the engine's host: a short-lived helper container,
/// <c>docker run --rm --network host --pid host --cap-drop ALL --cap-add … busybox:stable sh -c 'PROLOGUE' sh COMMAND…</c>.
/// The prologue finds the dockerd that shares the helper's network namespace and enters its mount namespace
/// (<c>nsenter -t DOCKERD -m</c>), so COMMAND is the engine host's own binary: the iptables dockerd itself uses (legacy
/// or nft), its tcpdump, ss and ip. Learners need no root and no registry; busybox:stable is the course's seeded image.
/// On a rootless engine <c>--network host</c> is RootlessKit's network namespace and that dockerd is the rootless one,
/// so the command sees what that engine made. The LAN neighbour and <see cref="HostCommands"/> both run through here.
/// </summary>
internal sealed class HostHelper(DockerLab lab)
{
    private const string Image = "busybox:stable";
    private const string HostPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The exit code of the prologue when no dockerd shares the helper's network namespace.</summary>
    internal const int NoEngineProcess = 125;

    /// <summary>nsenter into dockerd's mount namespace: SYS_ADMIN and SYS_CHROOT (setns to a mount namespace), SYS_PTRACE (read another process's namespaces).</summary>
    internal static readonly IReadOnlyList<string> EnterCaps = ["SYS_ADMIN", "SYS_CHROOT", "SYS_PTRACE"];

    /// <summary>Changing links, addresses and firewall rules (ip, iptables, conntrack): NET_ADMIN, and NET_RAW for iptables' socket.</summary>
    internal static readonly IReadOnlyList<string> NetAdminCaps = [.. EnterCaps, "NET_ADMIN", "NET_RAW"];

    /// <summary>tcpdump: NET_RAW for the packet socket, SETUID/SETGID for its <c>-Z root</c> (it would otherwise switch to a user the engine's host may not map).</summary>
    internal static readonly IReadOnlyList<string> CaptureCaps = [.. EnterCaps, "NET_RAW", "SETUID", "SETGID"];

    /// <summary>
    /// The script run by the helper's own busybox sh: pick the dockerd whose network namespace is the helper's (with
    /// <c>--pid host</c> it may see a second engine, e.g. root's beside a rootless one), then exec the command in its
    /// mount namespace, optionally in a container's network namespace too.
    /// </summary>
    private static string Prologue(long? networkNamespaceOfPid) =>
        "for p in $(pidof dockerd); do [ \"$(readlink /proc/$p/ns/net)\" = \"$(readlink /proc/self/ns/net)\" ] && d=$p && break; done; " +
        $"[ -n \"$d\" ] || {{ echo 'no dockerd process shares the network namespace of --network host' >&2; exit {NoEngineProcess}; }}; " +
        $"exec nsenter -t \"$d\" -m{(networkNamespaceOfPid is { } pid ? $" -n/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net" : "")} -- env PATH={HostPath} \"$@\"";

    private static List<string> Cmd(IReadOnlyList<string> command, long? networkNamespaceOfPid) =>
        ["sh", "-c", Prologue(networkNamespaceOfPid), "sh", .. command];

    /// <summary>The docker CLI twin of a helper run: exactly the container the library creates.</summary>
    internal static string CommandLine(IReadOnlyList<string> command, IReadOnlyList<string> caps, long? networkNamespaceOfPid = null) =>
        CliTwin.Command(["docker", "run", "--rm", "--network", "host", "--pid", "host", "--cap-drop", "ALL",
            .. caps.SelectMany(c => new[] { "--cap-add", c }), Image, .. Cmd(command, networkNamespaceOfPid)]);

    /// <summary>
    /// Runs COMMAND on the engine's host (in a container's network namespace when given its pid) and returns what it
    /// printed. Exit code 127 means <paramref name="tool"/> (COMMAND's first word unless named) is not installed there.
    /// </summary>
    internal async Task<HostCommandResult> RunAsync(IReadOnlyList<string> command, IReadOnlyList<string> caps, long? networkNamespaceOfPid, CancellationToken cancellationToken, string? tool = null)
    {
        var id = await StartAsync(command, caps, networkNamespaceOfPid, cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = await lab.EngineAsync("docker wait", () => lab.Client.Containers.WaitContainerAsync(id, cancellationToken)).ConfigureAwait(false);
            var (stdout, stderr) = await OutputAsync(id, cancellationToken).ConfigureAwait(false);
            return Result(command, caps, networkNamespaceOfPid, wait.StatusCode, stdout, stderr, tool);
        }
        finally
        {
            await lab.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A finished helper's result; a missing tool and an engine host the helper cannot enter are typed errors.</summary>
    internal static HostCommandResult Result(IReadOnlyList<string> command, IReadOnlyList<string> caps, long? networkNamespaceOfPid, long exitCode, string stdout, string stderr, string? tool = null)
    {
        if (exitCode == NoEngineProcess && stderr.Contains("no dockerd process", StringComparison.Ordinal))
            throw new UnsupportedEngineException(
                "The helper container found no dockerd process in its --network host namespace, so it cannot use the engine host's own tools. " +
                "Docker Desktop runs its engine inside a VM under its own service layout; this course reads the host only on Docker Engine for Linux.",
                "Run this step on Docker Engine on Linux (rootful, or rootless with dockerd-rootless.sh), or read the lesson's executed copy.");
        if (exitCode == 127)
        {
            var missing = tool ?? command[0];
            throw new HostToolMissingException(missing, PackageOf(missing), stderr.Trim());
        }
        IReadOnlyList<string> shown = networkNamespaceOfPid is { } pid ? ["nsenter", "-t", pid.ToString(CultureInfo.InvariantCulture), "-n", .. command] : command;
        return new HostCommandResult(shown, exitCode, stdout, stderr, CommandLine(command, caps, networkNamespaceOfPid));
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
    internal async Task<string> StartAsync(IReadOnlyList<string> command, IReadOnlyList<string> caps, long? networkNamespaceOfPid, CancellationToken cancellationToken)
    {
        if (lab.Engine.Os != "linux")
            throw new UnsupportedEngineException($"This engine runs {lab.Engine.Os} containers: it has no Linux host to run {command[0]} on.",
                "Use a Linux engine (Docker Engine on Linux, or Docker Desktop in Linux containers mode).");
        await lab.EnsureImageAsync(Image, cancellationToken).ConfigureAwait(false);
        var cli = CommandLine(command, caps, networkNamespaceOfPid);
        var created = await lab.EngineAsync(cli, () => lab.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = Image,
            Cmd = Cmd(command, networkNamespaceOfPid),
            Labels = lab.NewLabels(),
            HostConfig = new HostConfig { NetworkMode = "host", PidMode = "host", CapDrop = ["ALL"], CapAdd = caps.ToList() },
        }, cancellationToken), "The helper needs --pid host and the capabilities listed; a hardened engine (userns-remap, an authorization plugin) may refuse them.").ConfigureAwait(false);
        try
        {
            await lab.EngineAsync(cli, () => lab.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            await lab.RemoveAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return created.ID;
    }

    /// <summary>Everything the helper printed so far: <c>docker logs</c>, stdout and stderr apart.</summary>
    internal Task<(string Stdout, string Stderr)> OutputAsync(string id, CancellationToken cancellationToken) =>
        lab.EngineAsync($"docker logs {CliTwin.ShortId(id)}", async () =>
        {
            using var stream = await lab.Client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            return (stdout.Replace("\r", "", StringComparison.Ordinal), stderr.Replace("\r", "", StringComparison.Ordinal));
        });
}
