using System.Formats.Tar;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// The image a cluster node runs: an engine in a container. <c>docker:dind</c> where the engine has it (what learners
/// online get); otherwise one built from this host's own engine binaries, so no registry is needed.
/// </summary>
public sealed record NodeImage(string Image, string Origin, bool NeedsPrivileged)
{
    internal const string Dind = "docker:dind";

    /// <summary>Labels the locally built node image, like the seeded busybox: a base image, kept between runs.</summary>
    internal const string SeededValue = "node-from-host-binaries";

    /// <summary>
    /// The flags a node needs, measured: docker:dind runs with <c>--privileged</c>. The local image asks only for what
    /// dockerd uses, because <c>--privileged</c> fails on a VM whose capability bounding set lacks CAP_SYS_RESOURCE
    /// ("unable to apply caps"): the namespaces and mounts (SYS_ADMIN), bridges, VXLAN and iptables (NET_ADMIN), and
    /// the host's cgroups, writable, for the containers it starts.
    /// </summary>
    internal RunOptions RunOptions(string name, string network, string volume) => new()
    {
        Name = name,
        Hostname = name,
        Network = network,
        Interactive = false,
        Privileged = NeedsPrivileged,
        CapAdd = NeedsPrivileged ? [] : ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "MKNOD", "SYS_MODULE", "IPC_LOCK", "DAC_READ_SEARCH"],
        SecurityOpt = NeedsPrivileged ? [] : ["seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"],
        CgroupNs = NeedsPrivileged ? null : "host",
        Volumes = NeedsPrivileged ? [$"{volume}:/var/lib/docker"] : ["/sys/fs/cgroup:/sys/fs/cgroup:rw", $"{volume}:/var/lib/docker"],
        // The nodes are an offline LAN: no name beyond it resolves, and a service's image is taken as the node has it
        // (swarm would otherwise ask a registry for it first). Images come from this host (LabCluster.LoadImagesAsync).
        Dns = ["127.0.0.1"],
        Env = new Dictionary<string, string> { ["DOCKER_SERVICE_PREFER_OFFLINE_IMAGE"] = "1" },
        // docker:dind's entrypoint script sets up its cgroups and then runs this; the local image has no entrypoint.
        Command = DockerdArgs,
        ExpectRunning = true,
    };

    /// <summary>
    /// dockerd's API on the node's LAN address, without TLS: the LAN is an --internal network, so only this host and
    /// the other nodes reach it. --dns 127.0.0.1 keeps the node's own containers from asking resolvers beyond it.
    /// </summary>
    internal static readonly IReadOnlyList<string> DockerdArgs =
        ["dockerd", "--host=unix:///var/run/docker.sock", $"--host=tcp://0.0.0.0:{ApiPort}", "--tls=false", "--dns=127.0.0.1"];

    internal const int ApiPort = 2375;

    /// <summary>
    /// iproute2's <c>ip</c> in the node, by full path: busybox's nsenter runs its own <c>ip</c> applet for a bare "ip",
    /// and that one cannot show a VXLAN device's details. docker:dind (Alpine) has it in /sbin, the local image where
    /// Debian puts it.
    /// </summary>
    internal string IpRoute2 => NeedsPrivileged ? "/sbin/ip" : "/usr/sbin/ip";

    /// <summary>docker:dind if the engine has it; otherwise this host's engine, built into <c>courseware-node:VERSION</c>.</summary>
    internal static async Task<NodeImage> EnsureAsync(EngineSession session, DockerLab host, Action<string>? log, CancellationToken cancellationToken)
    {
        if (await host.ImageExistsAsync(Dind, cancellationToken).ConfigureAwait(false))
            return new NodeImage(Dind, "docker:dind, present on the engine", NeedsPrivileged: true);
        if (HostEngineFiles.Missing() is { } missing)
            throw new LabException(
                $"There is no node image: docker:dind is not on the engine, and this host has no engine to copy ({missing} is missing).",
                "Pull it once where a registry is reachable: docker pull docker:dind; or install Debian's docker.io here.");
        var version = await HostEngineFiles.DockerdVersionAsync(cancellationToken).ConfigureAwait(false);
        var image = $"courseware-node:{System.Text.RegularExpressions.Regex.Replace(version, "[^A-Za-z0-9_.-]", "-")}";
        var origin = $"built from this host's own engine binaries (dockerd {version}, containerd, runc, iptables and their libraries): no registry needed";
        if (await host.ImageExistsAsync(image, cancellationToken).ConfigureAwait(false))
            return new NodeImage(image, origin, NeedsPrivileged: false);

        log?.Invoke($"Building {image} from this host's engine binaries (once; it is kept like the busybox base image)…");
        await host.EnsureImageAsync(LabImages.Base, cancellationToken).ConfigureAwait(false);
        using var context = new MemoryStream();
        using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            await HostEngineFiles.WriteAsync(tar, "rootfs/", cancellationToken).ConfigureAwait(false);
            using var dockerfile = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                $"FROM {LabImages.Base}\n" +
                "COPY rootfs/ /\n" +
                "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { Mode = (UnixFileMode)0b110_100_100, DataStream = dockerfile });
        }
        context.Position = 0;
        // The engine reports a failed step in the stream, not as an HTTP error: keep the first error message.
        string? error = null;
        var progress = new SyncProgress<JSONMessage>(m => error ??= m.Error?.Message);
        await session.Client.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [image], Labels = new Dictionary<string, string> { [LabLabels.Seeded] = SeededValue }, Remove = true, ForceRemove = true },
            context, null, null, progress, cancellationToken).ConfigureAwait(false);
        if (error is not null) throw new BuildFailedException(image, null, $"building the node image failed: {error}", []);
        return new NodeImage(image, origin, NeedsPrivileged: false);
    }
}
