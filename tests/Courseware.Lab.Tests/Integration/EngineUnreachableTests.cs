namespace Courseware.Lab.Tests.Integration;

/// <summary>No engine at the endpoint: the learner is told how to start one. Needs no engine itself.</summary>
public sealed class EngineUnreachableTests
{
    [Fact]
    public async Task Unreachable_engine_says_how_to_start_it()
    {
        // A socket path nothing listens on stands for a stopped engine. It is passed in, not set as DOCKER_HOST:
        // tests running in parallel read that variable.
        var socket = Path.Combine(Path.GetTempPath(), $"no-engine-{Guid.NewGuid():N}.sock");

        var e = await Assert.ThrowsAsync<EngineUnreachableException>(() =>
            DockerLab.ConnectAsync("unreachable", new LabOptions { Endpoint = "unix://" + socket, ConnectTimeout = TimeSpan.FromSeconds(2) }));

        Assert.Contains(socket, e.Problem);
        Assert.Contains("ensure-docker.sh", e.Fix);
        Assert.Contains("docker info", e.Fix);
    }
}
