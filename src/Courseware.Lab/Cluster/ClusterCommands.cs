using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// <c>docker.Cluster</c>: several Docker hosts on one machine, each an engine in a container on a private LAN, as
/// Play with Docker gives its learners. Swarm, overlay networks and services then run across real engines.
/// </summary>
public sealed class ClusterCommands
{
    private readonly EngineSession _session;

    /// <summary>For the container verbs this group builds on (docker inspect, run, exec, ...), as a learner would use them.</summary>
    private readonly DockerLab _lab;

    internal ClusterCommands(EngineSession session, DockerLab lab)
    {
        _session = session;
        _lab = lab;
    }

    /// <summary>
    /// Can this engine host the cluster? Null if so; otherwise why not. The nodes' engines must be reachable from this
    /// computer on their LAN addresses, and dockerd needs real capabilities in its container.
    /// </summary>
    public string? WhyNotSupported
    {
        get
        {
            if (_session.Engine.IsRootless)
                return "This is a rootless engine: its containers' addresses live inside rootlesskit's network namespace, where this " +
                       "computer cannot reach a node's API, and its \"root\" is your own user, without the capabilities an engine " +
                       "inside a container needs (network namespaces, VXLAN, iptables). Swarm's overlay networks need a rootful engine.";
            if (_session.Engine.IsDockerDesktop)
                return "This is Docker Desktop: the engine runs in a VM, so this computer cannot reach the nodes' LAN addresses.";
            if (_session.Engine.Os != "linux")
                return $"This engine runs {_session.Engine.Os} containers; the nodes are Linux engines.";
            return null;
        }
    }

    /// <summary>
    /// <c>docker network create --internal lan</c>, then per node <c>docker volume create nodeN-data</c> and
    /// <c>docker run -d --name nodeN --hostname nodeN --network lan ... NODE-IMAGE dockerd ...</c>; waits until each
    /// engine answers and copies <c>busybox:stable</c> into it. Re-running replaces the course's earlier cluster.
    /// </summary>
    public async Task<LabCluster> CreateAsync(int nodes = 3, string lan = "lan", Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (nodes is < 1 or > 9) throw new LabException($"{nodes} nodes is out of range.", "A cluster on one machine has 1 to 9 nodes; 3 is plenty.");
        if (WhyNotSupported is { } why)
            throw new UnsupportedEngineException($"This engine cannot host a cluster of Docker nodes. {why}",
                "Run this lesson on a rootful Linux engine (Docker Engine's default install, e.g. sudo apt-get install docker.io), or read its executed copy.");

        var image = await NodeImage.EnsureAsync(_session, _lab, log, cancellationToken).ConfigureAwait(false);
        await _lab.EnsureImageAsync(LabImages.Base, cancellationToken).ConfigureAwait(false);
        var names = Enumerable.Range(1, nodes).Select(i => $"node{i}").ToList();
        // An earlier cluster's nodes go first: the LAN cannot be replaced while they sit on it.
        foreach (var name in names) await _session.ReplaceCourseContainerAsync(name, cancellationToken).ConfigureAwait(false);
        // The LAN is --internal: the nodes' unauthenticated APIs are reachable from this host and from each other, and
        // nothing on them reaches (or is reached from) beyond this machine.
        var network = await _lab.Network.CreateAsync(lan, @internal: true, cancellationToken: cancellationToken).ConfigureAwait(false);

        var created = await Task.WhenAll(names.Select(async name =>
        {
            var volume = $"{name}-data";
            await _lab.Volume.CreateAsync(volume, cancellationToken).ConfigureAwait(false);
            var container = await _lab.RunAsync(image.Image, image.RunOptions(name, lan, volume), cancellationToken).ConfigureAwait(false);
            log?.Invoke(container.CommandLine);
            var address = (await _lab.InspectAsync(container.Id, cancellationToken).ConfigureAwait(false)).IpAddressOn(lan);
            var docker = await ConnectToNodeAsync(name, address, cancellationToken).ConfigureAwait(false);
            return new ClusterNode(name, container.Id, address, docker);
        })).ConfigureAwait(false);

        var cluster = new LabCluster(_session, _lab, created, network, image);
        await cluster.LoadImagesAsync([LabImages.Base], cancellationToken).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>The node's engine takes a second or two to start: poll its API; a node that exits is reported with its log.</summary>
    private async Task<DockerLab> ConnectToNodeAsync(string name, string address, CancellationToken cancellationToken)
    {
        var options = _session.Options with
        {
            Endpoint = $"tcp://{address}:{NodeImage.ApiPort}",
            SessionId = _session.SessionId,
            RemoveLeftovers = false,
            // This host does not reach the addresses of containers inside a node: pings come from a container there.
            PreferHostPing = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await DockerLab.ConnectAsync(_session.Lesson, options, cancellationToken).ConfigureAwait(false);
            }
            catch (EngineUnreachableException e)
            {
                var node = await _lab.InspectAsync(name, cancellationToken).ConfigureAwait(false);
                if (!node.Running)
                    throw new ContainerExitedException(name, node.ExitCode, await _lab.LogsAsync(name, 20, cancellationToken).ConfigureAwait(false));
                if (DateTime.UtcNow > deadline)
                    throw new LabException($"The engine in {name} did not answer at {options.Endpoint} within 60 s.", $"docker logs {name} shows how far dockerd got.", e.Message, e);
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
