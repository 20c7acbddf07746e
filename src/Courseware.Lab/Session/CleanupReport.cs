namespace Courseware.Lab;

/// <summary>What a clean-up removed: `docker rm -f`, `docker network rm`, `docker rmi` and `docker volume rm` in one.</summary>
public sealed record CleanupReport(IReadOnlyList<string> Containers, IReadOnlyList<string> Networks, IReadOnlyList<string> Images, IReadOnlyList<string>? Volumes = null)
{
    /// <summary>The course's tagged host firewall rules removed (<c>iptables -S</c> lines), e.g. lesson 04's DOCKER-USER drop.</summary>
    public IReadOnlyList<string> FirewallRules { get; init; } = [];

    /// <summary>Named volumes removed (a cluster node's /var/lib/docker); the lessons before 03 create none.</summary>
    public IReadOnlyList<string> VolumesRemoved => Volumes ?? [];

    public int Total => Containers.Count + Networks.Count + Images.Count + VolumesRemoved.Count + FirewallRules.Count;

    public override string ToString() =>
        Total == 0 ? "Nothing to remove." :
        $"Removed {Containers.Count} container(s), {Networks.Count} network(s), {Images.Count} image(s)" +
        (VolumesRemoved.Count == 0 ? "" : $", {VolumesRemoved.Count} volume(s)") +
        (FirewallRules.Count == 0 ? "." : $", {FirewallRules.Count} host firewall rule(s).");
}
