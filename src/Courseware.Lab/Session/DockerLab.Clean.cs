using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// Removes every container, network, volume and (unless told otherwise) image of this session.
    /// CLI: <c>docker rm -f $(docker ps -aq --filter label=courseware.session=ID)</c>, then the same for networks, volumes and images.
    /// </summary>
    public async Task<CleanupReport> CleanAsync(bool images = true, CancellationToken cancellationToken = default)
    {
        // The session's services on the host (ListenOnHost) go too: they are part of what the lesson set up.
        StopHostListeners();
        var report = await CleanMatchingAsync(Session.SessionFilter(), _ => true, images, cancellationToken).ConfigureAwait(false);
        // Only a session that added a host firewall rule looks for them.
        return await AlsoFirewallRulesAsync(report, Volatile.Read(ref _addedFirewallRules) != 0, IsThisSession, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes everything any course session created on this engine (<c>courseware clean</c>).</summary>
    public static async Task<CleanupReport> CleanAllAsync(bool images = true, CancellationToken cancellationToken = default)
    {
        using var lab = await ConnectForCleaningAsync(cancellationToken).ConfigureAwait(false);
        var report = await lab.CleanMatchingAsync(EngineSession.LabelFilter(LabLabels.Session), _ => true, images, cancellationToken).ConfigureAwait(false);
        return await lab.AlsoFirewallRulesAsync(report, look: true, _ => true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes everything any session of this process created: what a runner calls on Ctrl+C or failure, since the
    /// notebook it ran may have connected several labs.
    /// </summary>
    public static async Task<CleanupReport> CleanThisProcessAsync(bool images = true, CancellationToken cancellationToken = default)
    {
        using var lab = await ConnectForCleaningAsync(cancellationToken).ConfigureAwait(false);
        var report = await lab.CleanMatchingAsync(EngineSession.LabelFilter(LabLabels.Session), IsOwnedByThisProcess, images, cancellationToken).ConfigureAwait(false);
        // Rules only where a container was this process's: a lesson that added a rule had its neighbour or target running.
        return await lab.AlsoFirewallRulesAsync(report, report.Containers.Count > 0, IsOwnedByThisProcess, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsOwnedByThisProcess(IDictionary<string, string>? labels) => labels is not null && SessionOwner.IsThisProcess(labels);

    /// <summary>
    /// Removes this engine's course resources whose owning process on this machine is gone, and then their tagged host
    /// firewall rules. Those are looked for only when a leftover container was found (the look takes a helper
    /// container): a session that added a rule had the container it scoped it to (its LAN neighbour, its target) running.
    /// </summary>
    internal async Task<CleanupReport> RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var report = await RemoveMatchingAsync(Client, EngineSession.LabelFilter(LabLabels.Session), IsLeftover, images: false, cancellationToken).ConfigureAwait(false);
        return await AlsoFirewallRulesAsync(report, report.Containers.Count > 0, IsLeftover, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The report, with the tagged host firewall rules that <paramref name="select"/> picks removed too when
    /// <paramref name="look"/>: looking takes a helper container, so each clean-up says when it is worth one.
    /// </summary>
    private async Task<CleanupReport> AlsoFirewallRulesAsync(CleanupReport report, bool look, Func<IDictionary<string, string>, bool> select, CancellationToken cancellationToken) =>
        look ? report with { FirewallRules = await RemoveFirewallRulesAsync(select, cancellationToken).ConfigureAwait(false) } : report;

    private static bool IsLeftover(IDictionary<string, string>? labels) => labels is not null && SessionOwner.IsGone(labels);

    private static Task<DockerLab> ConnectForCleaningAsync(CancellationToken cancellationToken) =>
        ConnectAsync("clean", new LabOptions { RemoveLeftovers = false }, cancellationToken);

    /// <summary>
    /// A clean-up a learner or <c>courseware clean</c> asked for, through the one translation: an engine gone since the
    /// connect is said so. (The leftovers removed while connecting are translated by ConnectAsync itself.)
    /// </summary>
    private Task<CleanupReport> CleanMatchingAsync(IDictionary<string, IDictionary<string, bool>> filter, Func<IDictionary<string, string>?, bool> select, bool images, CancellationToken cancellationToken) =>
        Session.EngineAsync("docker rm -f / docker network rm / docker volume rm / docker rmi (of the course's objects)",
            () => RemoveMatchingAsync(Client, filter, select, images, cancellationToken));

    private static async Task<CleanupReport> RemoveMatchingAsync(
        DockerClient client,
        IDictionary<string, IDictionary<string, bool>> filter,
        Func<IDictionary<string, string>?, bool> select,
        bool images,
        CancellationToken cancellationToken)
    {
        var removedContainers = new List<string>();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        // Containers go first: a network or image still in use cannot be removed.
        await Task.WhenAll(containers.Where(c => select(c.Labels)).Select(async c =>
        {
            if (await EngineSession.TryRemoveAsync(() => client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken)).ConfigureAwait(false))
                lock (removedContainers) removedContainers.Add(c.Names.FirstOrDefault()?.TrimStart('/') ?? CliTwin.ShortId(c.ID));
        })).ConfigureAwait(false);

        var removedNetworks = new List<string>();
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false);
        foreach (var n in networks.Where(n => select(n.Labels)))
            if (await EngineSession.TryRemoveAsync(() => client.Networks.DeleteNetworkAsync(n.ID, cancellationToken)).ConfigureAwait(false))
                removedNetworks.Add(n.Name);

        // Named volumes after the containers that mounted them (a volume in use cannot be removed).
        var removedVolumes = new List<string>();
        var volumes = await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false);
        foreach (var v in (volumes.Volumes ?? []).Where(v => select(v.Labels)))
            if (await EngineSession.TryRemoveAsync(() => client.Volumes.RemoveAsync(v.Name, true, cancellationToken)).ConfigureAwait(false))
                removedVolumes.Add(v.Name);

        var removedImages = new List<string>();
        if (images)
        {
            var list = await client.Images.ListImagesAsync(new ImagesListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false);
            foreach (var image in list.Where(i => select(i.Labels)))
            {
                var name = image.RepoTags?.FirstOrDefault(t => t != "<none>:<none>") ?? image.ID;
                if (await EngineSession.TryRemoveAsync(() => client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }, cancellationToken)).ConfigureAwait(false))
                    removedImages.Add(name);
            }
        }
        removedContainers.Sort(StringComparer.Ordinal);
        removedVolumes.Sort(StringComparer.Ordinal);
        return new CleanupReport(removedContainers, removedNetworks, removedImages, removedVolumes);
    }
}
