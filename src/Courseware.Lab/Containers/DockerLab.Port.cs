namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// <c>docker port CONTAINER [PRIVATE_PORT[/PROTO]]</c>: the host addresses and ports the engine actually bound
    /// (<c>80/tcp -> 0.0.0.0:32768</c>). With a container port that is not published it fails as docker does
    /// ("No public port '81/tcp' published"), with how to publish it.
    /// </summary>
    public async Task<IReadOnlyList<PortBindingInfo>> PortAsync(string container, int? containerPort = null, string protocol = "tcp", CancellationToken cancellationToken = default)
    {
        var details = await InspectAsync(container, cancellationToken).ConfigureAwait(false);
        var published = details.Ports
            .Where(p => p.IsPublished && (containerPort is null || (p.ContainerPort == containerPort && p.Protocol == protocol)))
            .ToList();
        if (containerPort is not null && published.Count == 0)
            throw new LabException(
                $"No public port '{containerPort}/{protocol}' published for {details.Name}.",
                $"Publish it when you run the container: -p HOST:{containerPort} (or -p {containerPort} to let Docker choose the host port). docker port {details.Name} lists what is published.");
        return published;
    }
}
