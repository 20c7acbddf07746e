using Courseware.Lab.Tests.Support;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;

namespace Courseware.Lab.Tests.Integration;

/// <summary>Every error a learner can meet, provoked for real, with its message checked and nothing left behind.</summary>
public sealed class ErrorTests : LabTest
{
    [DockerFact]
    public async Task Port_held_by_another_container_names_the_port_and_suggests_a_free_one()
    {
        var port = DockerLab.FreeHostPortNear(28080)!.Value;
        await Sleeper.RunAsync(Lab, Unique("holder"), new RunOptions { Publish = [$"{port}:80"] });
        var loser = Unique("loser");

        var e = await Assert.ThrowsAsync<PortAlreadyAllocatedException>(() =>
            Sleeper.RunAsync(Lab, loser, new RunOptions { Publish = [$"{port}:80"] }));

        Assert.Equal(port, e.Port);
        Assert.Contains($"Host port {port} is already allocated", e.Problem);
        Assert.NotNull(e.SuggestedPort);
        Assert.NotEqual(port, e.SuggestedPort);
        Assert.Contains($"-p {e.SuggestedPort}:", e.Fix);
        Assert.Contains("port is already allocated", e.Details);
        Assert.True(e.HeldByContainer);
        Assert.Contains("another container on this engine publishes it", e.Problem);
        Assert.Contains("docker ps shows it in the PORTS column", e.Fix);
        // The half-created container is gone: a failed run leaves nothing behind.
        Assert.DoesNotContain(await Lab.PsAsync(all: true), r => r.Names == loser);
    }

    [DockerFact]
    public async Task Asked_to_keep_a_container_whose_start_failed_it_stays_in_Created_holding_its_name_as_the_cli_leaves_it()
    {
        var port = DockerLab.FreeHostPortNear(29180)!.Value;
        await Sleeper.RunAsync(Lab, Unique("holder"), new RunOptions { Publish = [$"{port}:80"] });
        var loser = Unique("kept");

        await Assert.ThrowsAsync<PortAlreadyAllocatedException>(() =>
            Sleeper.RunAsync(Lab, loser, new RunOptions { Publish = [$"{port}:80"], KeepIfStartFails = true }));

        var kept = Assert.Single(await Lab.PsAsync(all: true), r => r.Names == loser);
        Assert.Equal("created", kept.State);
        // A second try with the same name replaces it (the course's own container), as a re-run cell does.
        await Assert.ThrowsAsync<PortAlreadyAllocatedException>(() =>
            Sleeper.RunAsync(Lab, loser, new RunOptions { Publish = [$"{port}:80"], KeepIfStartFails = true }));
        Assert.Single(await Lab.PsAsync(all: true), r => r.Names == loser);
    }

    [DockerFact]
    public async Task Port_held_by_a_host_program_is_reported_the_same_way()
    {
        // Below the ephemeral range: a port the OS picked could be the one the engine picks for a parallel test's
        // random publication, and that test would fail instead of this one.
        var port = DockerLab.FreeHostPortNear(29080)!.Value;
        using var listener = new TcpListener(IPAddress.Any, port);
        listener.Start();

        var e = await Assert.ThrowsAsync<PortAlreadyAllocatedException>(() =>
            Sleeper.RunAsync(Lab, Unique("blocked"), new RunOptions { Publish = [$"{port}:80"] }));

        Assert.Equal(port, e.Port);
        // Said to be another program, and named: this test process holds the port.
        Assert.False(e.HeldByContainer);
        Assert.Contains($"Host port {port} is in use by another program on this machine, not by a container of this engine", e.Problem);
        var me = System.Diagnostics.Process.GetCurrentProcess();
        if (Prerequisites.Root is null) // as root every process is visible; the test host is this process
            Assert.Equal($"{File.ReadAllText("/proc/self/comm").Trim()} (pid {me.Id})", e.HoldingProgram);
        Assert.DoesNotContain("another container", e.Problem);
        Assert.Empty(await Lab.PsAsync(all: true));
    }

    [DockerFact]
    public async Task Bad_port_spec_is_rejected_before_anything_is_created()
    {
        var name = Unique("badport");
        var e = await Assert.ThrowsAsync<PortSpecException>(() => Lab.RunAsync(LabImages.Base, name: name, publish: ["99999:80"]));

        Assert.Contains("99999", e.Problem);
        Assert.Contains("out of range 1-65535", e.Problem);
        Assert.Contains("8080:80", e.Fix);
        Assert.Empty(await Lab.PsAsync(all: true));
    }

    [DockerFact]
    public async Task Missing_image_offline_says_to_build_it()
    {
        var e = await Assert.ThrowsAsync<ImageNotFoundException>(() => Lab.RunAsync("courseware-no-such-image:1.0", name: Unique("ghost")));

        Assert.Contains("courseware-no-such-image:1.0", e.Problem);
        Assert.Contains("docker build -t courseware-no-such-image:1.0", e.Fix);
        Assert.Empty(await Lab.PsAsync(all: true));
    }

    [DockerFact]
    public async Task Failed_build_carries_the_failing_step_and_the_log()
    {
        var dir = Directory.CreateTempSubdirectory("cw-badbuild").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), "FROM busybox:stable\nRUN echo before\nRUN exit 7\nRUN echo never\n");
            var lines = new List<string>();

            var e = await Assert.ThrowsAsync<BuildFailedException>(() => Lab.BuildAsync("courseware-test-bad", dir, lines.Add));

            // The classic builder counts the label steps it appends, so the total varies.
            Assert.Matches(@"^Step 3/\d+ : RUN exit 7$", e.FailingStep);
            Assert.Contains("returned a non-zero code: 7", e.Error);
            Assert.Contains(e.Log, l => l.Contains("before"));
            Assert.Contains("RUN exit 7", e.Problem);
            Assert.Equal(lines, e.Log);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [DockerFact]
    public async Task Build_of_a_missing_folder_is_explained()
    {
        var e = await Assert.ThrowsAsync<LabException>(() => Lab.BuildAsync("courseware-test-x", "/nonexistent/exercise4"));
        Assert.Contains("does not exist", e.Problem);
        Assert.Contains("Dockerfile", e.Fix);
    }

    [DockerFact]
    public async Task Container_that_exits_early_shows_its_last_log_lines_and_is_removed()
    {
        var name = Unique("crash");
        var e = await Assert.ThrowsAsync<ContainerExitedException>(() =>
            Lab.RunAsync(LabImages.Base, new RunOptions { Name = name, Interactive = false, StartupGrace = TimeSpan.FromSeconds(10), Command = ["sh", "-c", "echo starting; echo config missing >&2; exit 3"] }));

        Assert.Equal(3, e.ExitCode);
        Assert.Contains("starting", e.LastLogLines);
        Assert.Contains("config missing", e.LastLogLines);
        Assert.Contains($"docker logs {name}", e.Fix);
        Assert.Empty(await Lab.PsAsync(all: true));
    }

    [DockerFact]
    public async Task Logs_of_a_container_with_a_terminal_are_read_too()
    {
        // -dit containers (the lesson's) write to a TTY: the log stream is raw, not multiplexed.
        var e = await Assert.ThrowsAsync<ContainerExitedException>(() =>
            Lab.RunAsync(LabImages.Base, new RunOptions { Name = Unique("ttycrash"), Interactive = true, StartupGrace = TimeSpan.FromSeconds(10), Command = ["sh", "-c", "echo tty says bye; exit 4"] }));
        Assert.Equal(4, e.ExitCode);
        Assert.Contains("tty says bye", e.LastLogLines);
    }

    [DockerFact]
    public async Task A_container_that_dies_after_run_returned_is_reported_by_the_next_step_with_its_logs()
    {
        // No grace: RunAsync returns at once, as docker run -d does; exec then meets the dead container.
        var box = await Lab.RunAsync(LabImages.Base, new RunOptions { Name = Unique("dies"), Interactive = false, Command = ["sh", "-c", "sleep 0.3; echo going away; exit 5"] });
        await Task.Delay(TimeSpan.FromSeconds(1)); // the container's own 0.3 s, with margin: this test is about what happens after
        var e = await Assert.ThrowsAsync<ContainerExitedException>(() => Lab.ExecAsync(box.Name, "true"));
        Assert.Equal(5, e.ExitCode);
        Assert.Contains("going away", e.LastLogLines);
    }

    [DockerFact]
    public async Task A_foreign_container_with_the_same_name_is_never_removed()
    {
        var name = Unique("foreign");
        // Created directly through the engine, without the course's labels: someone else's container.
        var client = new Docker.DotNet.DockerClientBuilder().Build();
        var foreign = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = LabImages.Base, Name = name, Cmd = ["true"] });
        try
        {
            var e = await Assert.ThrowsAsync<LabException>(() => Lab.RunAsync(LabImages.Base, name: name));
            Assert.Contains("not made by this course", e.Problem);
            Assert.Equal(foreign.ID, (await client.Containers.InspectContainerAsync(name)).ID);
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(foreign.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    [DockerFact]
    public async Task Readiness_wait_times_out_with_a_clear_reason()
    {
        // busybox sleeps: the port is published but nothing listens behind it.
        var silent = await Sleeper.RunAsync(Lab, Unique("silent"), new RunOptions { Publish = ["127.0.0.1::80"] });
        var e = await Assert.ThrowsAsync<LabException>(() => Lab.WaitForHttpAsync(silent, timeout: TimeSpan.FromSeconds(1)));
        Assert.Contains("was not ready within 1 s", e.Problem);
        Assert.Contains("docker logs", e.Fix);
    }
}
