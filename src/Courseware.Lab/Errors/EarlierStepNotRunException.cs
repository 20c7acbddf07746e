using System.Runtime.CompilerServices;

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
    public string Expression { get; } = expression;

    public override string Title => "An earlier step has not run";
}

/// <summary>The null checks at the top of the public verbs, written once.</summary>
internal static class EarlierStep
{
    public static Container Container(Container? container, string? expression) =>
        container ?? throw new EarlierStepNotRunException(expression ?? "container", "starts it (docker.RunAsync)");

    public static string Name(string? name, string? expression, string what = "container") =>
        name ?? throw new EarlierStepNotRunException(expression ?? what, $"sets this {what} name");

    public static LanNeighbour Neighbour(LanNeighbour? neighbour, string? expression) =>
        neighbour ?? throw new EarlierStepNotRunException(expression ?? "neighbour", "adds it (docker.AddLanNeighbourAsync)");

    public static ContainerDetails Details(ContainerDetails? details, string? expression) =>
        details ?? throw new EarlierStepNotRunException(expression ?? "container", "inspects it (check.ContainerAsync or docker.InspectAsync)");
}

/// <summary>
/// The hint under a learner's own NullReferenceException: nearly always a variable an earlier cell failed to assign.
/// One wording for both places that give it: courseware run (which knows the failed cell's number) and the notebook
/// kernel VS Code runs (which knows the failed cell's code).
/// </summary>
public static class EarlierCellHint
{
    public const string Prefix = "Hint: a variable from an earlier cell";

    /// <param name="failedCell">How to name the cell that failed last, e.g. "cell 3 (// docker run …)"; null if none did.</param>
    public static string For(string? failedCell) => failedCell is null
        ? $"{Prefix} is null. Run the cells above in order, from the top: a cell that fails or has not run leaves the variables it assigns null."
        : $"{Prefix} is probably null: {failedCell} failed earlier, so what it assigns is null. Fix that cell and re-run it, then this one.";
}
