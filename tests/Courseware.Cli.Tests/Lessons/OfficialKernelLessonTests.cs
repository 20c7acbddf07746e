using Courseware.Cli.Tests.Kernels;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;
using Xunit.Abstractions;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Each lesson in the official kernel VS Code launches (dotnet-interactive 1.0.712001 from the tool manifest), cell by
/// cell over stdio: this is what catches a dependency the real kernel cannot load (as Plotly.NET could not).
/// </summary>
[Collection("lessons")]
public sealed class OfficialKernelLessonTests(ITestOutputHelper log)
{
    [DockerTheory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public async Task Every_cell_of_the_lesson_runs_in_the_official_kernel(string name)
    {
        var (exit, output, error) = Prerequisites.Run("dotnet", ["tool", "restore"], Paths.RepoRoot);
        Assert.True(exit == 0, $"dotnet tool restore failed:\n{output}{error}");
        int? kernelPid;
        IReadOnlyList<OfficialCellResult> cells;
        await using (var kernel = await OfficialKernel.StartAsync(new OfficialKernelOptions { WorkingDirectory = LessonNotebook.Directory, ToolDirectory = Paths.RepoRoot }))
        {
            kernelPid = kernel.KernelProcessId;
            cells = await kernel.RunNotebookAsync(LessonNotebook.PathOf(name), stopOnUnexpected: true, cellTimeout: TimeSpan.FromMinutes(2));
        }

        foreach (var cell in cells)
            log.WriteLine($"{cell.CellId} {(cell.Submission.Succeeded ? "ok" : "FAILED")} {cell.Submission.Duration.TotalSeconds:0.00} s");
        var failed = cells.Where(c => c.IsUnexpected).Select(c => $"{c.CellId}: {c.Submission.FailureMessage}").ToList();
        if (!LessonNotebook.RunsOnThisEngine(name))
        {
            // A lesson whose metadata requires a rootful Linux engine stops at its cluster cell on rootless, saying why.
            var refusal = Assert.Single(failed);
            Assert.Contains("rootless engine", refusal);
            return;
        }
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        var codeCells = LessonNotebook.Load(name).CodeCells.Count;
        Assert.Equal(codeCells, cells.Count);
        // The charts reach VS Code as Plotly mime bundles, not only as the HTML fallback.
        if (LessonNotebook.DrawsCharts(name)) Assert.Contains(cells, c => c.Submission.DisplayedValues.Any(v => v.MimeType == MimeTypes.Plotly));
        Assert.Contains(cells, c => c.Submission.DisplayedValues.Any(v => v.MimeType == "text/html" && v.Value.Contains("Linux engine", StringComparison.Ordinal)));

        // The lesson's last cell cleaned up; the kernel is gone, so anything left would be a leak.
        var (_, left, _) = DockerCli.Run("ps", "-aq", "--filter", $"label=courseware.owner.pid={kernelPid}");
        Assert.Equal("", left.Trim());
    }

    [DockerTheory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public async Task Every_cell_can_be_run_again_right_after_it_ran(string name)
    {
        // A learner re-runs cells all the time: leftovers of the first run (containers, networks, a taken port) must
        // never make the second one fail.
        await using var kernel = await OfficialKernel.StartAsync(new OfficialKernelOptions { WorkingDirectory = LessonNotebook.Directory, ToolDirectory = Paths.RepoRoot });
        var failures = new List<string>();
        // A lesson this engine cannot run stops at its cluster cell (the test above checks that it says why).
        var stopAtCluster = !LessonNotebook.RunsOnThisEngine(name);
        foreach (var cell in LessonNotebook.Load(name).CodeCells)
        {
            if (stopAtCluster && ExecutedNotebook.Id(cell) == LessonNotebook.ClusterCell) break;
            var code = ExecutedNotebook.Source(cell);
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                var submission = await kernel.SubmitCodeAsync(code, "csharp", TimeSpan.FromMinutes(2));
                if (!submission.Succeeded) failures.Add($"run {attempt} of '{code.Split('\n')[0]}': {submission.FailureMessage}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
