using ApprovalTests;
using ApprovalTests.Reporters;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Reporting;
using Courseware.Lab;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Courseware.Cli.Tests.Unit;

/// <summary>
/// Snapshot (approval) test of what <c>courseware run</c> prints in CI and logs (the plain reporter): every line of a
/// run with each kind of cell outcome, the clean-up and the summary, against <c>ReporterSnapshotTests.NAME.approved.txt</c>.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public sealed class ReporterSnapshotTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    /// <summary>A run with each kind of cell outcome, a clean-up, a full disk and a usage error, told to any reporter.</summary>
    private static async Task TellEveryKindOfOutcome(IRunReporter reporter)
    {
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
        reporter.ShowError("courseware run: --output /ro: cannot write there (permission denied). Nothing ran.");
    }

    /// <summary>Lesson 07 on an engine that cannot host its cluster: stopped, not failed; its checks not applicable.</summary>
    private static async Task<NotebookRunResult> TellNotOnThisEngine(IRunReporter reporter)
    {
        var outcomes = new List<CellOutcome>
        {
            new(1, 20, "a", "// docker version && docker info", CellStatus.Succeeded, 0.42 * S),
            new(2, 20, "b", "// docker network create --internal lan", CellStatus.NotOnThisEngine, 0.05 * S,
                "This engine cannot host a cluster of Docker nodes. This is a rootless engine: its containers' addresses live inside rootlesskit's network namespace."),
        };
        var checks = new CheckTally();
        foreach (var id in new[] { "c1", "c2", "c3" })
            checks.AddNotApplicable(NotebookCell.NewCode(id, $"// docker service ps web ({id})", "csharp", [CheckTally.CheckTag]));
        var header = new NotebookHeader("07-multi-host-networking", "/repo/notebooks/07-multi-host-networking.ipynb", 20, []);
        var result = await reporter.RunNotebookAsync(header, progress =>
        {
            foreach (var outcome in outcomes) progress.CellFinished(outcome);
            progress.CleanedUp(null, null);
            progress.Scored(checks);
            return Task.FromResult(new NotebookRunResult("07-multi-host-networking", header.Path, outcomes, 20, 2.5 * S, 1.2 * S,
                ["/out/07-multi-host-networking.ipynb"], null, null, Interrupted: false, Checks: checks));
        });
        reporter.Summary([result], 1, 3 * S);
        return result;
    }

    [Fact]
    public async Task Plain_reporter_prints_a_run_with_every_kind_of_outcome()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        await TellEveryKindOfOutcome(new PlainReporter(output, error));

        Approvals.Verify($"--- stdout\n{output}--- stderr\n{error}");
    }

    /// <summary>
    /// The terminal's reporter, on Spectre.Console's own test console (80 columns, standard colours, ANSI kept): each
    /// line in the colour of its outcome, long lines cut to the width so the progress bar below them never garbles.
    /// </summary>
    [Fact]
    public async Task Live_reporter_colours_each_outcome_and_fits_lines_to_the_terminal()
    {
        var console = new TestConsole().Width(80).Colors(ColorSystem.Standard).EmitAnsiSequences();
        await TellEveryKindOfOutcome(new LiveReporter(console));
        await TellNotOnThisEngine(new LiveReporter(console));

        Approvals.Verify(Visible(console.Output));
    }

    // ESC made visible, so the snapshot file shows the colour codes as text.
    private static string Visible(string ansi) => ansi.Replace("\u001b", "␛", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    [Fact]
    public async Task Plain_reporter_prints_a_lesson_that_does_not_run_on_this_engine()
    {
        var output = new StringWriter { NewLine = "\n" };
        var result = await TellNotOnThisEngine(new PlainReporter(output, new StringWriter()));

        Assert.True(result.NotOnThisEngine);
        Assert.False(result.Succeeded);
        Approvals.Verify(output.ToString());
    }
}
