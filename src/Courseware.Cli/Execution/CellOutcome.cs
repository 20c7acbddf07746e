namespace Courseware.Cli.Execution;

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
