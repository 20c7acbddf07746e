namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// No engine at the endpoint: each cause gets its own problem and fix. Needs no engine itself. Endpoints are passed in,
/// not set as DOCKER_HOST: tests running in parallel read that variable.
/// </summary>
public sealed class EngineUnreachableTests
{
    private static Task<EngineUnreachableException> Connect(string endpoint) =>
        Assert.ThrowsAsync<EngineUnreachableException>(() =>
            DockerLab.ConnectAsync("unreachable", new LabOptions { Endpoint = endpoint, ConnectTimeout = TimeSpan.FromSeconds(2) }));

    [Fact]
    public async Task A_missing_socket_says_how_to_start_the_engine()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"no-engine-{Guid.NewGuid():N}.sock");

        var e = await Connect("unix://" + socket);

        Assert.Equal(EngineFault.NotRunning, e.Fault);
        Assert.Equal($"No Docker engine at unix://{socket}: the socket {socket} does not exist, so no engine listens there.", e.Problem);
        Assert.Contains("ensure-docker.sh", e.Fix);
        Assert.Contains("docker info", e.Fix);
    }

    [Fact]
    public async Task Tcp_with_nothing_listening_is_a_typed_error_not_an_AggregateException()
    {
        var e = await Connect("tcp://127.0.0.1:1");

        Assert.Equal(EngineFault.NotRunning, e.Fault);
        Assert.Equal("Nothing listens at tcp://127.0.0.1:1 (connection refused).", e.Problem);
        Assert.StartsWith("Start the engine that should listen at tcp://127.0.0.1:1, or correct the engine address", e.Fix);
    }

    [Theory]
    [InlineData("bogus://x")]
    [InlineData("tcp://")]
    [InlineData("tcp://host:port")]
    public async Task An_address_that_is_no_address_is_InvalidEndpoint(string endpoint)
    {
        var e = await Connect(endpoint);

        Assert.Equal(EngineFault.InvalidEndpoint, e.Fault);
        Assert.StartsWith($"The engine address '{endpoint}' is not a Docker engine address (", e.Problem);
        Assert.Equal("Docker engine address not valid", e.Title);
    }
}
