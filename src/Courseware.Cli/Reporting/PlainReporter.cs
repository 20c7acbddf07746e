using Courseware.Cli.Execution;
using Courseware.Lab;

namespace Courseware.Cli.Reporting;

/// <summary>One line per event, nothing redrawn: for CI logs, pipes and tests.</summary>
public sealed class PlainReporter(TextWriter output, TextWriter error) : IRunReporter
{
    public async Task<NotebookRunResult> RunNotebookAsync(NotebookHeader header, Func<INotebookProgress, Task<NotebookRunResult>> run)
    {
        Write(ProgressText.Header(header));
        var result = await run(new Progress(this)).ConfigureAwait(false);
        Write(ProgressText.Footer(result));
        return result;
    }

    public void Summary(IReadOnlyList<NotebookRunResult> results, int notebooks, TimeSpan elapsed)
    {
        foreach (var line in ProgressText.Summary(results, notebooks, elapsed)) Write(line);
    }

    public void ShowError(string message)
    {
        lock (this) error.WriteLine(message);
        error.Flush();
    }

    private void Write(string line)
    {
        if (line.Length == 0) return;
        lock (this)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed class Progress(PlainReporter reporter) : INotebookProgress
    {
        public void CellStarted(CellStart cell) { }

        public void CellFinished(CellOutcome outcome)
        {
            reporter.Write(ProgressText.CellLine(outcome));
            foreach (var line in ProgressText.Detail(outcome)) reporter.Write(line);
            foreach (var line in ProgressText.CheckLines(outcome)) reporter.Write(line);
        }

        public void CleanedUp(CleanupReport? report, string? problem) => reporter.Write(ProgressText.Cleanup(report, problem));

        public void Scored(CheckTally checks)
        {
            foreach (var line in ProgressText.Score(checks)) reporter.Write(line);
        }
    }
}
