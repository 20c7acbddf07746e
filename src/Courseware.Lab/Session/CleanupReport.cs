namespace Courseware.Lab;

/// <summary>What a clean-up removed: `docker rm -f`, `docker network rm` and `docker rmi` in one.</summary>
public sealed record CleanupReport(IReadOnlyList<string> Containers, IReadOnlyList<string> Networks, IReadOnlyList<string> Images)
{
    public int Total => Containers.Count + Networks.Count + Images.Count;

    public override string ToString() =>
        Total == 0 ? "Nothing to remove." :
        $"Removed {Containers.Count} container(s), {Networks.Count} network(s), {Images.Count} image(s).";
}
