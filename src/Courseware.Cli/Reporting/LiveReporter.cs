using Courseware.Cli.Execution;
using Courseware.Lab;
using Spectre.Console;

namespace Courseware.Cli.Reporting;

/// <summary>A terminal's view of a run: a line per finished cell above a progress bar for the notebook.</summary>
public sealed class LiveReporter(IAnsiConsole console) : IRunReporter
{
    public async Task<NotebookRunResult> RunNotebookAsync(NotebookHeader header, Func<INotebookProgress, Task<NotebookRunResult>> run)
    {
        console.MarkupLine($"[bold]{Markup.Escape(ProgressText.Header(header))}[/]");
        NotebookRunResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(header.Name), maxValue: Math.Max(1, header.CodeCells));
                result = await run(new Progress(console, task, header.Name)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
            }).ConfigureAwait(false);
        var footer = ProgressText.Footer(result!);
        console.MarkupLine($"[{(result!.Succeeded ? "green" : result.NotOnThisEngine ? "yellow" : "red")}]{Markup.Escape(footer)}[/]");
        return result;
    }

    public void Summary(IReadOnlyList<NotebookRunResult> results, int notebooks, TimeSpan elapsed)
    {
        foreach (var line in ProgressText.Summary(results, notebooks, elapsed)) console.MarkupLine(Markup.Escape(line));
    }

    public void ShowError(string message) => console.MarkupLine($"[red]{Markup.Escape(message)}[/]");

    private sealed class Progress(IAnsiConsole console, ProgressTask task, string name) : INotebookProgress
    {
        public void CellStarted(CellStart cell) =>
            task.Description = Markup.Escape($"{name} [{cell.Number}/{cell.Total}] {ProgressText.Truncate(cell.FirstLine, 40)}");

        public void CellFinished(CellOutcome outcome)
        {
            var colour = outcome.Status switch
            {
                CellStatus.Succeeded => "green",
                CellStatus.ExpectedError => "blue",
                CellStatus.TimedOut => "yellow",
                CellStatus.Skipped => "grey",
                CellStatus.NotOnThisEngine => "yellow",
                _ => "red",
            };
            console.MarkupLine($"[{colour}]{Markup.Escape(Fit(ProgressText.CellLine(outcome)))}[/]");
            foreach (var line in ProgressText.Detail(outcome)) console.MarkupLine($"[grey]{Markup.Escape(Fit(line))}[/]");
            foreach (var (line, check) in ProgressText.CheckLines(outcome).Zip(outcome.Checks))
                console.MarkupLine($"[{(check.Passed ? "green" : "red")}]{Markup.Escape(Fit(line))}[/]");
            task.Increment(1);
        }

        public void CleanedUp(CleanupReport? report, string? problem)
        {
            var text = ProgressText.Cleanup(report, problem);
            if (text.Length > 0) console.MarkupLine($"[{(problem is null ? "grey" : "yellow")}]{Markup.Escape(Fit(text))}[/]");
        }

        public void Scored(CheckTally checks)
        {
            foreach (var line in ProgressText.Score(checks))
                console.MarkupLine($"[{(!checks.AllPassed ? "red" : checks.NotApplicable.Count > 0 ? "yellow" : "green")}]{Markup.Escape(line)}[/]");
        }

        // A line that wraps while the progress bar is drawn below it garbles the display.
        private string Fit(string line) => ProgressText.Truncate(line, Math.Max(20, console.Profile.Width - 1));
    }
}
