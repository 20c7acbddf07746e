namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Podman's Docker-compatible API, for real (Debian's podman, its service on a socket of its own): ConnectAsync tells it
/// apart from Docker and stops with what differs, instead of a lab that fails in the middle of every lesson.
/// </summary>
public sealed class NotDockerEngineTests
{
    [PodmanFact]
    public async Task Podman_is_told_apart_at_connect_with_what_differs_and_the_fix()
    {
        await using var podman = await PodmanService.StartAsync();

        var e = await Assert.ThrowsAsync<UnsupportedEngineException>(() =>
            DockerLab.ConnectAsync("podman", new LabOptions { Endpoint = podman.Endpoint, RemoveLeftovers = false }));

        Assert.StartsWith($"The engine at {podman.Endpoint} is Podman 4.", e.Problem);
        Assert.Contains("not Docker", e.Problem);
        Assert.Contains($"FROM {LabImages.Base} goes to a registry", e.Problem);
        Assert.Contains("no swarm mode", e.Problem);
        Assert.Contains("None of the lessons runs on it.", e.Problem);
        Assert.StartsWith("Use Docker:", e.Fix);
        Assert.Equal("Not on this engine", e.Title);
    }
}
