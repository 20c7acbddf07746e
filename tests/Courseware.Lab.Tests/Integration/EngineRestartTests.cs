namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Between two cells the real engine restarts (scripts/use-engine.sh restart: the same daemon with the same binaries and
/// flags, as a package upgrade or `systemctl restart docker` does). The next call on the same lab answers without
/// reconnecting by hand; the container the restart stopped says so, typed, with the step to redo; redoing it works.
/// It runs alone (Needs=EngineRestart): every other test on this engine would see the engine go away.
/// </summary>
public sealed class EngineRestartTests
{
    [EngineRestartFact]
    public async Task After_a_real_engine_restart_the_next_cell_answers_and_says_the_restart_stopped_its_container()
    {
        await using var lab = await DockerLab.ConnectAsync("test-engine-restart");
        var name = $"restarted-{Guid.NewGuid():N}"[..18];
        // A shell that ends on SIGTERM, as a server does (busybox sleep as PID 1 ignores it and the restart would wait for
        // its kill timeout).
        string[] command = ["sh", "-c", "trap 'exit 143' TERM; echo up; while true; do sleep 1; done"];
        try
        {
            await lab.RunAsync(LabImages.Base, name: name, command: command);

            var (exit, output, error) = Prerequisites.Run("bash", [Repo.PathOf("scripts", "use-engine.sh"), "restart"]);
            Assert.True(exit == 0, $"scripts/use-engine.sh restart: {output}{error}");

            Assert.Contains(await lab.PsAsync(all: true), row => row.Names == name);
            var e = await Assert.ThrowsAsync<ContainerExitedException>(() => lab.ExecAsync(name, "true"));
            Assert.Equal(143, e.ExitCode);
            Assert.Equal($"Container '{name}' is not running: it was stopped (exit code 143 = SIGTERM: docker stop, or the engine restarted).", e.Problem);
            Assert.Contains("re-run the cell that runs it", e.Fix);
            Assert.Contains("up", e.Details);

            await lab.RunAsync(LabImages.Base, name: name, command: command);
            Assert.True((await lab.ExecAsync(name, "true")).Succeeded);
        }
        finally
        {
            await lab.CleanAsync();
        }
    }
}
