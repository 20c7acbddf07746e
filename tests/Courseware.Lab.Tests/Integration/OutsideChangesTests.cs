using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Between two cells, someone removes or kills the lesson's container with the docker CLI. The next call says what
/// happened and which step to redo, with a typed error; nothing is left behind.
/// </summary>
public sealed class OutsideChangesTests : LabTest
{
    private static void Docker(params string[] args) => DockerCli.Ok(args);

    [DockerFact]
    public async Task A_container_removed_from_outside_is_no_such_container_with_the_step_to_redo()
    {
        var box = await Sleeper.RunAsync(Lab, Unique("removed"));
        Docker("rm", "-f", box.Name);

        var inspect = await Assert.ThrowsAsync<NoSuchObjectException>(() => Lab.InspectAsync(box.Name));
        var exec = await Assert.ThrowsAsync<NoSuchObjectException>(() => Lab.ExecAsync(box.Name, "true"));
        var ping = await Assert.ThrowsAsync<NoSuchObjectException>(() => Lab.PingAsync(box.Name, count: 1));

        foreach (var e in new[] { inspect, exec, ping })
        {
            Assert.Equal($"There is no container '{box.Name}'.", e.Problem);
            Assert.Contains("removed outside this notebook", e.Fix);
            Assert.Contains("re-run the cell that starts it", e.Fix);
        }
    }

    [DockerFact]
    public async Task A_container_killed_from_outside_says_it_was_killed_not_that_it_exited_early()
    {
        var box = await Lab.RunAsync(LabImages.Base, name: Unique("killed"), command: ["sh", "-c", "echo serving; sleep 600"]);
        Docker("kill", box.Name);

        var e = await Assert.ThrowsAsync<ContainerExitedException>(() => Lab.ExecAsync(box.Name, "true"));

        Assert.Equal(137, e.ExitCode);
        Assert.StartsWith($"Container '{box.Name}' is not running: it was killed (exit code 137", e.Problem);
        Assert.Contains("re-run the cell that runs it", e.Fix);
        Assert.Contains("serving", e.Details);
        Assert.Equal("Container stopped", e.Title);
    }

    [DockerFact]
    public async Task Waiting_for_a_page_of_a_container_killed_meanwhile_stops_with_the_reason()
    {
        var web = await Sleeper.RunAsync(Lab, Unique("killed-web"), new RunOptions { Publish = ["80"] });
        Docker("kill", web.Name);

        var e = await Assert.ThrowsAsync<ContainerExitedException>(() => Lab.WaitForHttpAsync(web, timeout: TimeSpan.FromSeconds(20)));

        Assert.Equal(137, e.ExitCode);
    }
}
