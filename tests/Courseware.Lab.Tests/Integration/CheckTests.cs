using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// DockerLab.CheckAsync judges the engine's state: ✓ with the verified facts, ✗ with the hint, never an exception for a
/// wrong answer; and docker port reads what the engine bound.
/// </summary>
public sealed class CheckTests : LabTest
{
    private async Task<string> BoxAsync(params string[] publish)
    {
        var name = Unique("box");
        await Sleeper.RunAsync(Lab, name, new RunOptions { Publish = publish.Select(PortPublication.Parse).ToList() });
        return name;
    }

    [DockerFact]
    public async Task A_passing_check_lists_what_it_verified()
    {
        var name = await BoxAsync();
        var result = await Lab.CheckAsync("box runs", async check =>
        {
            var box = await check.ContainerAsync(name);
            check.Verified($"{box.Name} is running");
            check.That(box.Networks.Any(n => n.Network == "bridge"), "not on bridge");
            check.Verified("on the default bridge");
        });

        Assert.True(result.Passed, result.ToString());
        Assert.Equal($"{name} is running; on the default bridge", result.Message);
        Assert.Equal([$"{name} is running", "on the default bridge"], result.Verified);
        Assert.Null(result.Hint);
    }

    [DockerFact]
    public async Task A_failed_fact_ends_the_check_with_its_hint_and_keeps_what_was_already_right()
    {
        var name = await BoxAsync();
        var result = await Lab.CheckAsync("published", async check =>
        {
            var box = await check.ContainerAsync(name);
            check.Verified("running");
            check.That(box.Ports.Any(p => p.IsPublished), "Nothing is published: add -p 8085:80.");
            check.Verified("never reached");
        });

        Assert.False(result.Passed);
        Assert.Equal("Nothing is published: add -p 8085:80.", result.Hint);
        Assert.Equal(["running"], result.Verified);
        Assert.StartsWith("✗ published: Nothing is published", result.ToString());
    }

    [DockerFact]
    public async Task A_missing_container_or_network_gives_the_hint_for_an_unanswered_exercise()
    {
        var missing = Unique("never-ran");
        var byDefault = await Lab.CheckAsync("c", check => check.ContainerAsync(missing));
        var own = await Lab.CheckAsync("c", check => check.ContainerAsync(missing, "Run the exercise cell first."));
        var network = await Lab.CheckAsync("n", check => check.NetworkAsync(missing));

        Assert.Equal($"There is no container named '{missing}' yet: run your exercise cell above (docker ps -a lists what exists).", byDefault.Hint);
        Assert.Equal("Run the exercise cell first.", own.Hint);
        Assert.Equal($"There is no network named '{missing}' yet: create it in your exercise cell (docker network create {missing}).", network.Hint);
    }

    [DockerFact]
    public async Task Lab_errors_and_any_other_exception_become_a_failed_check_not_a_crash()
    {
        var lab = await Lab.CheckAsync("lab error", async check => await check.Docker.InspectAsync(Unique("nope")));
        var other = await Lab.CheckAsync("bug", _ => throw new InvalidOperationException("boom"));

        Assert.False(lab.Passed);
        Assert.Contains("There is no container 'nope-", lab.Hint);
        Assert.Contains("docker ps -a lists the containers", lab.Hint);
        Assert.False(other.Passed);
        Assert.StartsWith("The check could not finish (InvalidOperationException: boom).", other.Hint);
    }

    [DockerFact]
    public async Task Docker_port_lists_the_bindings_the_engine_chose_and_refuses_an_unpublished_port()
    {
        var name = await BoxAsync("127.0.0.1::80", "9");
        var all = await Lab.PortAsync(name);
        var eighty = Assert.Single(await Lab.PortAsync(name, 80));

        Assert.Equal(2, all.Select(p => p.ContainerPort).Distinct().Count());
        Assert.Equal("127.0.0.1", eighty.HostIp);
        Assert.InRange(eighty.HostPort!.Value, 1024, 65535);
        Assert.Equal([$"80/tcp -> 127.0.0.1:{eighty.HostPort}"], eighty.ToDockerPort());
        var e = await Assert.ThrowsAsync<LabException>(() => Lab.PortAsync(name, 81));
        Assert.Equal($"No public port '81/tcp' published for {name}.", e.Problem);
    }
}
