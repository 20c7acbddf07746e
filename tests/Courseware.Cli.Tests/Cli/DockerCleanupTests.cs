using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// What a notebook creates on the engine is gone after its run, whether it failed or was interrupted with Ctrl+C.
/// Resources are found by the owner-pid label the lab puts on them: the courseware process's own pid, since the kernel
/// runs inside it.
/// </summary>
public sealed class DockerCleanupTests
{
    [DockerFact]
    public async Task A_failing_notebook_leaves_no_container_or_network_behind()
    {
        var output = Paths.NewOutputDirectory("cleanup");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("docker-cleanup.ipynb"), "--output", output, "--format", "ipynb"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith("  [1/2] ✓ ok", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  [2/2] ✗ failed", StringComparison.Ordinal));
        Assert.Contains("♻ clean-up: Removed 1 container(s), 1 network(s)", run.Output);
        Assert.Empty(Owned("ps", run.ProcessId));
        Assert.Empty(Owned("network", run.ProcessId));
    }

    [DockerFact]
    public async Task Ctrl_c_cancels_the_cell_cleans_up_and_exits_130()
    {
        var output = Paths.NewOutputDirectory("interrupt");
        using var process = CoursewareProcess.Start(["run", Paths.Fixture("docker-interrupt.ipynb"), "--output", output, "--format", "ipynb"]);
        await process.WaitForOutputAsync("[1/2] ✓ ok", TimeSpan.FromMinutes(2));
        Assert.NotEmpty(Owned("ps", process.Id)); // the container exists while the endless cell runs

        process.Interrupt();
        var run = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("Interrupted: cancelling the running cell", run.Error);
        Assert.Contains(run.Lines, l => l.StartsWith("  [2/2] ✗ cancelled", StringComparison.Ordinal));
        Assert.Contains("♻ clean-up: Removed 1 container(s), 1 network(s)", run.Output);
        Assert.Contains("✗ docker-interrupt.ipynb interrupted", run.Output);
        Assert.Empty(Owned("ps", process.Id));
        Assert.Empty(Owned("network", process.Id));
        Assert.True(File.Exists(Path.Combine(output, "docker-interrupt.ipynb")), "the executed notebook is still written");
    }

    /// <summary>Names of containers (ps) or networks labelled as owned by the process, via the docker CLI.</summary>
    private static IReadOnlyList<string> Owned(string what, int pid)
    {
        string[] args = what == "ps"
            ? ["ps", "-a", "--filter", $"label=courseware.owner.pid={pid}", "--format", "{{.Names}}"]
            : ["network", "ls", "--filter", $"label=courseware.owner.pid={pid}", "--format", "{{.Name}}"];
        return DockerCli.Ok(args).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
