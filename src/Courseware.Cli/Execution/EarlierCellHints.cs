using System.Text.Json.Nodes;
using Courseware.Lab;

namespace Courseware.Cli.Execution;

/// <summary>
/// A NullReferenceException in a cell is, in a notebook, nearly always a variable from an earlier cell that failed or
/// did not run (the <c>docker run</c> cell hit a port conflict, the learner went on). The runner knows which cells
/// failed, so it names the one to fix, in the progress line and in the executed notebook, under the error. A notebook
/// that loads Courseware.Lab.Interactive already shows the library's own hint there; the runner does not add a second.
/// </summary>
public static class EarlierCellHints
{
    public static string? For(CellExecution execution, IReadOnlyList<CellOutcome> earlier)
    {
        if (execution.Result != ExecutionResult.Failed || execution.ErrorName != nameof(NullReferenceException)) return null;
        // A cell that itself failed on such a null is a consequence, not the cause.
        var failed = earlier.LastOrDefault(o => o.IsFailure && o.Error?.StartsWith(nameof(NullReferenceException), StringComparison.Ordinal) != true);
        return Lab.EarlierCellHint.For(failed is null ? null : $"cell {failed.Number} ({Reporting.ProgressText.Truncate(failed.FirstLine, 80)})");
    }

    /// <summary>Adds the hint to the cell's outputs as stderr text, just before the error, where Jupyter and VS Code show it.</summary>
    public static void AddTo(JsonArray outputs, string hint)
    {
        if (outputs.Any(o => Text(o).StartsWith(Lab.EarlierCellHint.Prefix, StringComparison.Ordinal))) return;
        var stream = new JsonObject { ["output_type"] = "stream", ["name"] = "stderr", ["text"] = hint + "\n" };
        var error = outputs.Select((o, i) => (o, i)).LastOrDefault(x => (string?)x.o?["output_type"] == "error");
        if (error.o is null) outputs.Add(stream);
        else outputs.Insert(error.i, stream);
    }

    private static string Text(JsonNode? output) => Notebooks.NotebookCell.JoinMultiline(output?["text"] ?? output?["data"]?[MimeTypes.PlainText]);
}
