using Courseware.Cli.Execution;
using Courseware.Lab;

namespace Courseware.Cli.Reporting;

/// <summary>The notebook about to run. Parameters are the injected NAME=VALUE pairs.</summary>
public sealed record NotebookHeader(string Name, string Path, int CodeCells, IReadOnlyList<string> Parameters);

/// <summary>Progress of one notebook's run.</summary>
public interface INotebookProgress
{
    void CellStarted(CellStart cell);

    void CellFinished(CellOutcome outcome);

    void CleanedUp(CleanupReport? report, string? problem);

    /// <summary>The notebook's check score, once every cell has run.</summary>
    void Scored(CheckTally checks);
}

/// <summary>Shows a run: a live progress display on a terminal, plain lines in CI and logs.</summary>
public interface IRunReporter
{
    Task<NotebookRunResult> RunNotebookAsync(NotebookHeader header, Func<INotebookProgress, Task<NotebookRunResult>> run);

    void Summary(IReadOnlyList<NotebookRunResult> results, int notebooks, TimeSpan elapsed);

    void ShowError(string message);
}
