using Courseware.Lab;

namespace Courseware.Cli.Execution;

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
    public bool NotOnThisEngine => !Interrupted && OutputProblem is null && (Cells.Count > 0 ? Cells[^1].Status : (CellStatus?)null) == CellStatus.NotOnThisEngine
                                   && Cells.All(c => !c.IsFailure) && Checks.AllPassed;

    /// <summary>Why, in the engine's own words (the cell's error).</summary>
    public string? NotOnThisEngineReason => NotOnThisEngine ? Cells[^1].Error : null;

    public int NotRun => CodeCells - Cells.Count;

    /// <summary>The lesson ran as <see cref="Succeeded"/> or <see cref="NotOnThisEngine"/> say, but its PDF was not made (exit code 4).</summary>
    public bool MissingPdf => PdfProblem is not null;
}
