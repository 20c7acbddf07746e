using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Bench.Harness;

/// <summary>
/// Everything the bench creates carries the <c>courseware.session</c> label: the library's labs label their own
/// resources; the docker CLI side uses <c>--label courseware.session=bench-cli</c>; the notebook runners' kernels
/// label theirs with their own pid (courseware.owner.pid). This class removes exactly those — never another
/// session's — and checks at the end that nothing is left.
/// </summary>
public sealed class Resources : IDisposable
{
    public const string CliSession = "bench-cli";
    public const string CliLabel = "courseware.session=" + CliSession;

    private readonly DockerClient _client = new DockerClientBuilder().Build();
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal) { CliSession };
    private readonly HashSet<int> _runnerPids = [];

    public void TrackSession(string sessionId)
    {
        lock (_sessions) _sessions.Add(sessionId);
    }

    public void TrackRunnerPids(IEnumerable<int> pids)
    {
        lock (_runnerPids) _runnerPids.UnionWith(pids);
    }

    private bool IsOurs(IDictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue("courseware.session", out var session)) return false;
        lock (_sessions)
            if (_sessions.Contains(session)) return true;
        if (labels.TryGetValue("courseware.owner.host", out var host) && host == Environment.MachineName
            && labels.TryGetValue("courseware.owner.pid", out var pidText) && int.TryParse(pidText, out var pid))
            lock (_runnerPids) return _runnerPids.Contains(pid);
        return false;
    }

    private static Dictionary<string, IDictionary<string, bool>> AnySession() =>
        new() { ["label"] = new Dictionary<string, bool> { ["courseware.session"] = true } };

    /// <summary>Removes every container, network and image the bench (or a runner it started) created.</summary>
    public async Task<(int Containers, int Networks, int Images)> RemoveAllOursAsync(bool images = true)
    {
        var containers = (await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = AnySession() }).ConfigureAwait(false))
            .Where(c => IsOurs(c.Labels)).ToList();
        await Parallel.ForEachAsync(containers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, token) =>
        {
            try { await _client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token).ConfigureAwait(false); }
            catch (DockerApiException) { }
        }).ConfigureAwait(false);
        var networks = (await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = AnySession() }).ConfigureAwait(false))
            .Where(n => IsOurs(n.Labels)).ToList();
        foreach (var n in networks)
        {
            try { await _client.Networks.DeleteNetworkAsync(n.ID).ConfigureAwait(false); }
            catch (DockerApiException) { }
        }
        // Lesson 07's nodes keep /var/lib/docker on named volumes: after their containers, or they are in use.
        var volumes = (await _client.Volumes.ListAsync(new VolumesListParameters { Filters = AnySession() }).ConfigureAwait(false)).Volumes ?? [];
        foreach (var v in volumes.Where(v => IsOurs(v.Labels)))
        {
            try { await _client.Volumes.RemoveAsync(v.Name, true).ConfigureAwait(false); }
            catch (DockerApiException) { }
        }
        var imageCount = 0;
        if (images)
        {
            var list = (await _client.Images.ListImagesAsync(new ImagesListParameters { All = true, Filters = AnySession() }).ConfigureAwait(false))
                .Where(i => IsOurs(i.Labels)).ToList();
            imageCount = list.Count;
            foreach (var i in list)
            {
                try { await _client.Images.DeleteImageAsync(i.ID, new ImageDeleteParameters { Force = true }).ConfigureAwait(false); }
                catch (DockerApiException) { }
            }
        }
        return (containers.Count, networks.Count, imageCount);
    }

    /// <summary>What of ours is still on the engine (should be nothing after <see cref="RemoveAllOursAsync"/>).</summary>
    public async Task<(int Containers, int Networks, int Images)> CountOursAsync()
    {
        var containers = (await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = AnySession() }).ConfigureAwait(false)).Count(c => IsOurs(c.Labels));
        var networks = (await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = AnySession() }).ConfigureAwait(false)).Count(n => IsOurs(n.Labels));
        var images = (await _client.Images.ListImagesAsync(new ImagesListParameters { All = true, Filters = AnySession() }).ConfigureAwait(false)).Count(i => IsOurs(i.Labels));
        return (containers, networks, images);
    }

    public void Dispose() => _client.Dispose();
}
