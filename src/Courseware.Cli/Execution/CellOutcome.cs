using Courseware.Lab;

namespace Courseware.Cli.Execution;

public enum CellStatus
{
    Succeeded,
    Failed,
    /// <summary>Tagged raises-exception and failed, as it should.</summary>
    ExpectedError,
    /// <summary>Tagged raises-exception but succeeded: the lesson's point did not happen.</summary>
    MissingError,
    TimedOut,
    Cancelled,
    /// <summary>A display-only kernel (mermaid) this runner does not host.</summary>
    Skipped,
    /// <summary>
    /// The cell found that this engine cannot do what the rest of the lesson needs (<see cref="UnsupportedEngineException"/>):
    /// not a failure, and nothing after it runs.
    /// </summary>
    NotOnThisEngine,
}

/// <summary>How one code cell ended. Number is its position among the notebook's code cells, from 1.</summary>
public sealed record CellOutcome(int Number, int Total, string CellId, string FirstLine, CellStatus Status, TimeSpan Duration, string? Error = null)
{
    /// <summary>The checks this cell showed. A failed check does not fail the cell: the cell ran, the learner's answer is what is wrong.</summary>
    public IReadOnlyList<CheckRecord> Checks { get; init; } = [];

    public bool IsFailure => Status is CellStatus.Failed or CellStatus.MissingError or CellStatus.TimedOut or CellStatus.Cancelled;

    public string Symbol => Status switch
    {
        CellStatus.Succeeded or CellStatus.ExpectedError => "✓",
        CellStatus.TimedOut => "⏱",
        CellStatus.Skipped => "-",
        CellStatus.NotOnThisEngine => "⊘",
        _ => "✗",
    };

    /// <summary>The word progress lines and tests look for.</summary>
    public string Label => Status switch
    {
        CellStatus.Succeeded => "ok",
        CellStatus.Failed => "failed",
        CellStatus.ExpectedError => "expected-error",
        CellStatus.MissingError => "no-error",
        CellStatus.TimedOut => "timeout",
        CellStatus.Cancelled => "cancelled",
        CellStatus.Skipped => "skipped",
        CellStatus.NotOnThisEngine => "not-on-engine",
        _ => Status.ToString(),
    };
}

/// <summary>A code cell about to run.</summary>
public sealed record CellStart(int Number, int Total, string CellId, string FirstLine, IReadOnlyList<string> Tags);

/// <summary>What a notebook run did, and where its outputs went.</summary>
public sealed record NotebookRunResult(
    string Name,
    string SourcePath,
    IReadOnlyList<CellOutcome> Cells,
    int CodeCells,
    TimeSpan Duration,
    TimeSpan KernelStart,
    IReadOnlyList<string> Outputs,
    CleanupReport? Cleanup,
    string? CleanupProblem,
    bool Interrupted,
    CheckTally Checks,
    string? OutputProblem = null,
    string? PdfProblem = null)
{
    /// <summary>Every cell ran without failing, every check passed, and the outputs were written.</summary>
    public bool Succeeded => !Interrupted && OutputProblem is null && Cells.Count == CodeCells && Cells.All(c => !c.IsFailure) && Checks.AllPassed;

    /// <summary>
    /// The lesson stopped where a cell found this engine cannot do what the rest needs, and nothing before that failed:
    /// the lesson does not apply here (exit code 3), which is neither a success nor a learner's failure.
    /// </summary>
    public bool NotOnThisEngine => !Interrupted && OutputProblem is null && Cells.LastOrDefault()?.Status == CellStatus.NotOnThisEngine
                                   && Cells.All(c => !c.IsFailure) && Checks.AllPassed;

    /// <summary>Why, in the engine's own words (the cell's error).</summary>
    public string? NotOnThisEngineReason => NotOnThisEngine ? Cells[^1].Error : null;

    public int NotRun => CodeCells - Cells.Count;

    /// <summary>The lesson ran as <see cref="Succeeded"/> or <see cref="NotOnThisEngine"/> say, but its PDF was not made (exit code 4).</summary>
    public bool MissingPdf => PdfProblem is not null;
}
