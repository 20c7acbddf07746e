namespace Courseware.Lab;

/// <summary>
/// A value from an earlier cell is null: that cell failed, or has not run. A learner's daily life in VS Code (a
/// failed <c>docker run</c> cell, then the next cells); a bare NullReferenceException would not say which step to redo.
/// </summary>
public sealed class EarlierStepNotRunException(string expression, string producer)
    : LabException(
        $"`{expression}` is null: the cell that {producer} failed or has not run yet.",
        "Re-run that cell (or Run All from the top), then this one: a cell that fails leaves the variables it assigns null.")
{
    /// <summary>The learner's expression that was null, as written in the cell (e.g. <c>web</c>).</summary>
    internal string Expression { get; } = expression;

    public override string Title => "An earlier step has not run";
}
