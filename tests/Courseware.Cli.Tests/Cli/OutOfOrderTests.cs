using ApprovalTests;
using ApprovalTests.Reporters;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// Cells after a failed cell: the learner's own NullReferenceException gets a hint naming the failed cell, in the
/// progress and in the executed notebook; a library call handed the null says which variable and which step.
/// The executed notebook is compared whole against <c>OutOfOrderTests.NAME.approved.txt</c>.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public sealed class OutOfOrderTests
{
    /// <summary>`courseware run FIXTURE --keep-going`: it must fail (exit 1) and go on past the failed cells.</summary>
    private static async Task<(CliRun Run, ExecutedNotebook Notebook)> RunPastFailuresAsync(string fixture)
    {
        var output = Paths.NewOutputDirectory("order");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture(fixture), "--output", output, "--format", "ipynb", "--keep-going"]);
        Assert.True(run.ExitCode == 1, run.ToString());
        return (run, new ExecutedNotebook(Path.Combine(output, fixture)));
    }

    [Fact]
    public async Task Nulls_left_by_a_failed_cell_say_which_cell_to_re_run()
    {
        var (run, notebook) = await RunPastFailuresAsync("out-of-order.ipynb");

        Assert.Contains("[1/3] ✗ failed", run.Output);
        Assert.Contains("EngineUnreachableException: Nothing listens at tcp://127.0.0.1:1", run.Output);
        Assert.Contains("[2/3] ✗ failed", run.Output);
        Assert.Contains("Hint: a variable from an earlier cell is probably null: cell 1 (#r \"../Courseware.Lab.dll\") failed earlier, so what it assigns is null.", run.Output);
        Assert.Contains("[3/3] ✗ failed", run.Output);
        Assert.Contains("EarlierStepNotRunException: `web` is null: the cell that starts it (docker.RunAsync) failed or has not run yet.", run.Output);

        // In the notebook, the hint is a stream above the NullReferenceException; a typed error is its own explanation:
        // no hint under it.
        Approvals.Verify(new NotebookSnapshot().Of(notebook));
    }

    [Fact]
    public async Task With_the_notebook_library_loaded_the_kernel_gives_the_hint_once_and_the_runner_adds_none()
    {
        var (run, notebook) = await RunPastFailuresAsync("out-of-order-interactive.ipynb");

        Assert.Contains("[3/3] ✗ failed", run.Output);
        // The library's hint (a display, above the error), naming the failed cell by its code; no second one from the runner.
        Approvals.Verify(new NotebookSnapshot().Of(notebook));
    }
}
