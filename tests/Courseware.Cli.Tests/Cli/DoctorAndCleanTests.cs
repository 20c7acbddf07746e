using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// <c>courseware doctor</c> and <c>courseware clean</c>. Clean's success path is not run here: it removes every course
/// resource on the engine, including those of other test runs on this machine.
/// </summary>
public sealed class DoctorAndCleanTests
{
    private static readonly Dictionary<string, string?> NoEngine = new() { ["DOCKER_HOST"] = "unix:///nonexistent/courseware-test.sock" };

    [DockerFact]
    public async Task Doctor_passes_on_a_working_engine_and_names_each_check()
    {
        var run = await CoursewareProcess.RunAsync(["doctor"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith("✓ Docker engine", StringComparison.Ordinal) && l.Contains("answers at"));
        Assert.Contains(run.Lines, l => l.StartsWith("✓ Engine version", StringComparison.Ordinal) && l.Contains(", API 1."));
        Assert.Contains(run.Lines, l => l.StartsWith("✓ Engine kind", StringComparison.Ordinal) && (l.Contains("Linux engine") || l.Contains("Docker Desktop")));
        Assert.Contains(run.Lines, l => l.StartsWith("✓ Base image", StringComparison.Ordinal) && l.Contains("busybox:stable"));
        Assert.Contains(run.Lines, l => l.Contains("ICMP", StringComparison.Ordinal));
        Assert.Contains("This machine can run the lessons.", run.Output);
    }

    [Fact]
    public async Task Doctor_fails_without_an_engine_and_says_how_to_fix_it()
    {
        var run = await CoursewareProcess.RunAsync(["doctor"], NoEngine);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("✗ Docker engine", StringComparison.Ordinal) && l.Contains("/nonexistent/courseware-test.sock"));
        Assert.Contains(run.Lines, l => l.StartsWith("  fix: Start the engine", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("! Base image", StringComparison.Ordinal) && l.Contains("not checked"));
        Assert.Contains("1 essential check failed: Docker engine.", run.Output);
    }

    [Fact]
    public async Task Clean_without_an_engine_fails_with_the_fix()
    {
        var run = await CoursewareProcess.RunAsync(["clean"], NoEngine);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("✗ No Docker engine at unix:///nonexistent/courseware-test.sock: the socket /nonexistent/courseware-test.sock does not exist", run.Output);
        Assert.Contains("fix: Start the engine", run.Output);
    }

    [Fact]
    public async Task A_run_without_an_engine_is_not_disturbed_by_the_clean_up()
    {
        var output = Paths.NewOutputDirectory("noengine");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("expected-error.ipynb"), "--output", output, "--format", "ipynb"], NoEngine);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("clean-up", run.Output);
    }
}
