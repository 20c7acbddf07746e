using ApprovalTests;
using ApprovalTests.Reporters;
using Courseware.Cli.Execution;
using Courseware.Cli.Reporting;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Unit;

/// <summary>
/// Snapshot (approval) test of what <c>courseware run</c> prints in CI and logs (the plain reporter): every line of a
/// run with each kind of cell outcome, the clean-up and the summary, against <c>ReporterSnapshotTests.NAME.approved.txt</c>.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public sealed class ReporterSnapshotTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Plain_reporter_prints_a_run_with_every_kind_of_outcome()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var reporter = new PlainReporter(output, error);
        var outcomes = new List<CellOutcome>
        {
            new(1, 6, "a", "// docker version && docker info", CellStatus.Succeeded, 0.42 * S),
            new(2, 6, "b", "// Parameters: edit, then re-run the cells below.", CellStatus.Succeeded, 0.01 * S),
            new(3, 6, "c", "// docker run -dit -p 8080:80 --name exercise4 exercise4     (8080 = hostPort)", CellStatus.Failed, 1.5 * S,
                "PortAlreadyAllocatedException: Host port 8080 is already allocated: another container on this engine publishes it."),
            new(4, 6, "d", "// docker run -d -p 8080:80 --name clash exercise4", CellStatus.ExpectedError, 0.3 * S,
                "PortAlreadyAllocatedException: Host port 8080 is already allocated\nsecond line is not shown for an expected error"),
            new(5, 6, "e", "while (true) { }", CellStatus.TimedOut, 120 * S, "The cell ran longer than 120 s (--cell-timeout) and was cancelled."),
            new(6, 6, "f", "mermaid", CellStatus.Skipped, TimeSpan.Zero, "'mermaid' cells are not rendered by courseware run"),
        };
        var header = new NotebookHeader("01-exposing-ports", "/repo/notebooks/01-exposing-ports.ipynb", 6, ["hostPort=9090"]);
        var result = await reporter.RunNotebookAsync(header, progress =>
        {
            foreach (var outcome in outcomes) progress.CellFinished(outcome);
            progress.CleanedUp(new CleanupReport(["exercise4", "clash"], ["labnet"], ["exercise4"]), null);
            return Task.FromResult(new NotebookRunResult("01-exposing-ports", header.Path, outcomes, 6, 123.45 * S, 1.2 * S,
                ["/out/01-exposing-ports.ipynb", "/out/01-exposing-ports.html"], null, null, Interrupted: false, Checks: new CheckTally(),
                OutputProblem: "could not write /out/01-exposing-ports.html: No space left on device"));
        });
        reporter.Summary([result], 2, 130 * S);
        reporter.Error("courseware run: --output /ro: cannot write there (permission denied). Nothing ran.");

        Approvals.Verify($"--- stdout\n{output}--- stderr\n{error}");
    }
}
