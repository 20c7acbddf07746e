using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// Two runs of the same lesson on one engine at once: the second must not silently remove the first one's container.
/// It refuses, naming the first session and how to end it; the first run goes on undisturbed; nothing is left after.
/// </summary>
public sealed class TwoSessionsTests
{
    [DockerFact]
    public async Task A_second_run_refuses_to_take_a_live_first_runs_container_and_names_it()
    {
        var name = $"cw-two-sessions-{Guid.NewGuid():N}"[..28];
        var release = Path.Combine(Paths.NewOutputDirectory("release"), "release");
        string[] Args(string label) => ["run", Paths.Fixture("two-sessions.ipynb"), "--output", Paths.NewOutputDirectory(label), "--format", "ipynb",
            "--cell-timeout", "120", "--param", $"name={name}", "--param", $"release={release}"];

        using var first = CoursewareProcess.Start(Args("first"));
        try
        {
            await first.WaitForOutputAsync("[3/4] ✓ ok", TimeSpan.FromMinutes(2));

            var second = await CoursewareProcess.RunAsync(Args("second"));

            Assert.True(second.ExitCode == 1, second.ToString());
            Assert.Contains("[3/4] ✗ failed", second.Output);
            Assert.Contains($"SessionInUseException: The container '{name}' belongs to another session of the course that is still running: " +
                            $"two-sessions@{Environment.MachineName}:{first.Id}.", second.Output);
            Assert.DoesNotContain("   at ", second.Output + second.Error);
        }
        finally
        {
            File.WriteAllText(release, "");
        }
        var firstRun = await first.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(firstRun.ExitCode == 0, firstRun.ToString());
        Assert.Contains("♻ clean-up: Removed 1 container(s)", firstRun.Output);
        var (_, left, _) = DockerCli.Run("ps", "-aq", "--filter", $"name=^{name}$");
        Assert.Equal("", left.Trim());
    }

    [Fact]
    public void The_fix_names_the_process_to_end_on_this_machine_and_the_clean_up_command_elsewhere()
    {
        var local = new Courseware.Lab.SessionInUseException("container", "web", "01-exposing-ports@here:42", "42", Environment.MachineName);
        Assert.Contains("kill 42", local.Fix);
        Assert.Contains("Ctrl+C", local.Fix);

        var remote = new Courseware.Lab.SessionInUseException("network", "labnet", "01-exposing-ports@ci-7:42", "42", "ci-7");
        Assert.Contains("another machine (ci-7)", remote.Fix);
        Assert.Contains("label=courseware.session=01-exposing-ports@ci-7:42", remote.Fix);
        Assert.DoesNotContain("kill", remote.Fix);
    }
}
