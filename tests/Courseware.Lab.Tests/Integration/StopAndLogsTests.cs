namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// <c>docker logs</c> and <c>docker stop</c>, the two container verbs no lesson calls yet but a learner reaches for:
/// the logs are the container's own output, a stopped container is no longer running, and an unknown name is the
/// learner's "no such container" with its fix, not an engine error.
/// </summary>
public sealed class StopAndLogsTests : LabTest
{
    [DockerFact]
    public async Task Logs_read_the_output_and_stop_ends_the_container()
    {
        var name = Unique("talker");
        await Lab.RunAsync(LabImages.Base, new RunOptions { Name = name, Command = ["sh", "-c", "echo first line; echo second line; exec sleep 600"], Interactive = false });

        Assert.Equal(["first line", "second line"], await Lab.LogsAsync(name));
        Assert.Equal(["second line"], await Lab.LogsAsync(name, tail: 1));

        // sleep as PID 1 ignores SIGTERM, so docker stop kills it once the timeout has passed.
        await Lab.StopAsync(name, timeoutSeconds: 1);
        var stopped = await Lab.InspectAsync(name);
        Assert.False(stopped.Running);
        Assert.Equal(137, stopped.ExitCode);
    }

    [DockerFact]
    public async Task An_unknown_name_is_no_such_container()
    {
        var missing = Unique("gone");

        var stop = await Assert.ThrowsAsync<NoSuchObjectException>(() => Lab.StopAsync(missing));
        var logs = await Assert.ThrowsAsync<NoSuchObjectException>(() => Lab.LogsAsync(missing));

        Assert.Equal(("container", missing), (stop.Kind, stop.Name));
        Assert.Equal(("container", missing), (logs.Kind, logs.Name));
    }
}
