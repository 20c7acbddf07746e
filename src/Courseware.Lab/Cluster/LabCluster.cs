namespace Courseware.Lab;

/// <summary>
/// A cluster of Docker hosts made by <see cref="ClusterCommands.CreateAsync"/>: node containers on one LAN network,
/// each running its own engine, with a lab (<see cref="ClusterNode.Docker"/>) per node.
/// </summary>
public sealed class LabCluster
{
    private readonly EngineSession _session;

    /// <summary>The host engine's lab, for the verbs a learner would use on it (docker exec, rm, network rm, ...).</summary>
    private readonly DockerLab _host;
    private bool _removed;

    internal LabCluster(EngineSession session, DockerLab host, IReadOnlyList<ClusterNode> nodes, NetworkDetails lan, NodeImage image)
    {
        _session = session;
        _host = host;
        Nodes = nodes;
        Lan = lan;
        Image = image;
    }

    /// <summary>node1, node2, …</summary>
    public IReadOnlyList<ClusterNode> Nodes { get; }

    /// <summary>The network that plays the LAN between the hosts.</summary>
    public NetworkDetails Lan { get; }

    /// <summary>What the nodes run, and where that image came from.</summary>
    public NodeImage Image { get; }

    public ClusterNode this[string name] =>
        Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new LabException($"There is no node '{name}' in this cluster.", $"Its nodes are {string.Join(", ", Nodes.Select(n => n.Name))}.");

    /// <summary>
    /// <c>docker save IMAGE... | docker -H NODE load</c> for every node: the nodes are offline, so the images they run
    /// come from this host's engine, once each.
    /// </summary>
    public async Task LoadImagesAsync(IReadOnlyList<string> images, CancellationToken cancellationToken = default)
    {
        foreach (var image in images)
            if (!await _host.ImageExistsAsync(image, cancellationToken).ConfigureAwait(false))
                throw new ImageNotFoundException(image, "this host's engine has no such image to copy to the nodes");
        var names = string.Join(' ', images);
        var bytes = await _session.EngineAsync($"docker save {names}", async () =>
        {
            using var archive = new MemoryStream();
            await using (var saved = await _session.Client.Images.SaveImagesAsync(images.ToArray(), cancellationToken).ConfigureAwait(false))
                await saved.CopyToAsync(archive, cancellationToken).ConfigureAwait(false);
            return archive.ToArray();
        }).ConfigureAwait(false);
        await Task.WhenAll(Nodes.Select(async node =>
        {
            using var copy = new MemoryStream(bytes, writable: false);
            await node.Docker.Session.EngineAsync($"docker -H {node.Docker.Engine.Endpoint} load",
                () => node.Docker.Client.Images.LoadImageAsync(new Docker.DotNet.Models.ImageLoadParameters { Quiet = true }, copy, new SyncProgress<Docker.DotNet.Models.JSONMessage>(), cancellationToken)).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    /// <inheritdoc cref="LoadImagesAsync(IReadOnlyList{string}, CancellationToken)"/>
    public Task LoadImagesAsync(params string[] images) => LoadImagesAsync(images, CancellationToken.None);

    /// <summary>
    /// <c>docker exec node1 ls /sys/module/ip_vs</c>: the nodes share this machine's kernel, and swarm loads IPVS when it
    /// needs it, so after <c>swarm init</c> the module is there if the kernel has it at all.
    /// </summary>
    public async Task<IpvsCheck> CheckIpvsAsync(CancellationToken cancellationToken = default)
    {
        var node = Nodes[0];
        var exec = await _host.ExecAsync(node.Name, ["ls", "/sys/module/ip_vs"], cancellationToken).ConfigureAwait(false);
        var kernel = node.Docker.Engine.KernelVersion;
        return exec.Succeeded
            ? new IpvsCheck(true, kernel, $"/sys/module/ip_vs is present in {node.Name}")
            : new IpvsCheck(false, kernel, $"/sys/module/ip_vs does not exist in {node.Name}, even after swarm tried to load it");
    }

    /// <summary>
    /// Takes the cluster down in the order a real one would go: <c>docker service rm</c> and <c>docker network rm</c> of
    /// the course's services and overlays on the manager, <c>docker swarm leave --force</c> on every node, then on this
    /// host <c>docker rm -f</c> of the nodes, <c>docker volume rm</c> of their data and <c>docker network rm</c> of the LAN.
    /// </summary>
    public async Task<CleanupReport> RmAsync(CancellationToken cancellationToken = default)
    {
        // Run again (a re-run cell), there is nothing left to take down: the nodes' clients are closed.
        if (_removed) return new CleanupReport([], [], [], []);
        foreach (var node in Nodes)
        {
            try
            {
                var inner = node.Docker;
                if ((await inner.Swarm.StateAsync(cancellationToken).ConfigureAwait(false)).IsManager)
                    foreach (var service in await inner.Service.LsAsync(cancellationToken).ConfigureAwait(false))
                        await inner.Service.RmAsync(service, cancellationToken).ConfigureAwait(false);
                await inner.CleanAsync(images: false, cancellationToken).ConfigureAwait(false);
                await inner.Swarm.LeaveAsync(force: true, cancellationToken).ConfigureAwait(false);
            }
            catch (LabException)
            {
                // A node that no longer answers, or refuses a step (an overlay still held by a task being removed), is
                // removed from outside all the same: its container, volume and LAN go below. Every verb's engine error
                // arrives here typed (EveryVerbEngineLostTests).
            }
        }
        var containers = new List<string>();
        foreach (var node in Nodes)
            if (await _host.RmAsync(node.Name, cancellationToken).ConfigureAwait(false)) containers.Add(node.Name);
        var volumes = new List<string>();
        foreach (var node in Nodes)
            if (await _host.Volume.RmAsync($"{node.Name}-data", cancellationToken).ConfigureAwait(false)) volumes.Add($"{node.Name}-data");
        var networks = await _host.Network.RmAsync(Lan.Name, cancellationToken).ConfigureAwait(false) ? new List<string> { Lan.Name } : [];
        foreach (var node in Nodes) node.Docker.Dispose();
        _removed = true;
        return new CleanupReport(containers, networks, [], volumes);
    }

    public override string ToString() =>
        $"{Nodes.Count} Docker hosts on LAN '{Lan.Name}' ({string.Join(", ", Lan.Subnets)}): " +
        string.Join("; ", Nodes.Select(n => $"{n.Name} {n.LanAddress}")) + $". Node image {Image.Image}, {Image.Origin}.";
}
