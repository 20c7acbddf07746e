using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM in each phase of a run end it the same way: exit 130, the executed notebook written
/// where a notebook started, nothing left on the engine, no stack trace. (During a cell: DockerCleanupTests.)
/// </summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData(CoursewareProcess.SigInt)]
    [InlineData(CoursewareProcess.SigTerm)]
    public async Task A_signal_while_the_kernel_starts_ends_the_run_at_once_with_130(int signal)
    {
        var output = Paths.NewOutputDirectory("early");
        using var process = CoursewareProcess.Start(["run", Paths.Fixture("values.ipynb"), "--output", output]);
        await process.WaitForOutputAsync("▶ values.ipynb", TimeSpan.FromMinutes(1)); // read and checked; the kernel is starting

        process.Signal(signal);
        var run = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("Interrupted", run.Error);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.DoesNotContain("✓ values.ipynb succeeded", run.Output);
    }

    [DockerTheory]
    [InlineData(CoursewareProcess.SigInt)]
    [InlineData(CoursewareProcess.SigTerm)]
    public async Task A_signal_during_a_build_stops_it_and_leaves_no_image_or_build_container(int signal)
    {
        var marker = $"cw-interrupted-build-{Guid.NewGuid():N}"[..32];
        var tag = marker + ":latest";
        var output = Paths.NewOutputDirectory("build");
        using var process = CoursewareProcess.Start(["run", Paths.Fixture("build-interrupt.ipynb"), "--output", output, "--format", "ipynb",
            "--param", $"tag={tag}", "--param", $"marker={marker}"]);
        await process.WaitForOutputAsync("[3/4] ✓ ok", TimeSpan.FromMinutes(2));
        await WaitUntilAsync(() => BuildContainers(marker).Count > 0, TimeSpan.FromSeconds(60), "the build's RUN step never started");

        process.Signal(signal);
        var run = await process.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith("  [4/4] ✗ cancelled", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.True(File.Exists(Path.Combine(output, "build-interrupt.ipynb")), run.ToString());
        // The engine stops the build when its client goes; the RUN step's container goes with it.
        await WaitUntilAsync(() => BuildContainers(marker).Count == 0, TimeSpan.FromSeconds(30), $"build containers left: {string.Join(", ", BuildContainers(marker))}");
        var (_, images, _) = DockerCli.Run("images", "-q", tag);
        Assert.Equal("", images.Trim());
    }

    /// <summary>Containers of the classic builder running (or left from) this test's RUN step.</summary>
    private static IReadOnlyList<string> BuildContainers(string marker)
    {
        var (_, stdout, _) = DockerCli.Run("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Command}}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(failure);
            await Task.Delay(250);
        }
    }
}
