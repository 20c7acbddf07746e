using System.Text.Json.Nodes;

namespace Courseware.Cli.Execution;

/// <summary>
/// A NullReferenceException in a cell is, in a notebook, nearly always a variable from an earlier cell that failed or
/// did not run (the <c>docker run</c> cell hit a port conflict, the learner went on). The runner knows which cells
/// failed, so it says which one to fix, in the progress line and in the executed notebook, under the error.
/// </summary>
public static class EarlierCellHint
{
    public static string? For(CellExecution execution, IReadOnlyList<CellOutcome> earlier)
    {
        if (execution.Result != ExecutionResult.Failed || execution.ErrorName != nameof(NullReferenceException)) return null;
        var failed = earlier.LastOrDefault(o => o.IsFailure);
        return failed is null
            ? "Hint: a variable from an earlier cell is null. Run the cells above in order, from the top: a cell that fails or has not run leaves the variables it assigns null."
            : $"Hint: a variable from an earlier cell is probably null: cell {failed.Number} ({ProgressTextFirstLine(failed.FirstLine)}) failed earlier in this run, " +
              "so what it assigns is null. Fix that cell and re-run it, then this one.";
    }

    /// <summary>Adds the hint to the cell's outputs as stderr text, just before the error, where Jupyter and VS Code show it.</summary>
    public static void AddTo(JsonArray outputs, string hint)
    {
        var stream = new JsonObject { ["output_type"] = "stream", ["name"] = "stderr", ["text"] = hint + "\n" };
        var error = outputs.Select((o, i) => (o, i)).LastOrDefault(x => (string?)x.o?["output_type"] == "error");
        if (error.o is null) outputs.Add(stream);
        else outputs.Insert(error.i, stream);
    }

    private static string ProgressTextFirstLine(string firstLine) => Reporting.ProgressText.Truncate(firstLine, 80);
}
