using System.Text.Json.Nodes;
using Courseware.Cli.Notebooks;
using Courseware.Lab;

namespace Courseware.Cli.Execution;

/// <summary>One check's verdict as the runner saw it in a cell's outputs.</summary>
public sealed record CheckRecord(string CellId, string Title, bool Passed, string Message)
{
    public JsonObject ToJson() => new() { ["cell"] = CellId, ["title"] = Title, ["passed"] = Passed, ["message"] = Message };
}

/// <summary>
/// The score of a notebook run: every check result a cell displayed (the <see cref="MimeTypes.Check"/> bundle the
/// library's formatter adds), plus a failed entry for each cell tagged <c>check</c> that showed none (it crashed or was
/// not reached), so a run that stops early can never look complete. Predictions are counted alongside, never scored.
/// </summary>
public sealed class CheckTally
{
    public const string CheckTag = "check";

    private readonly List<CheckRecord> _results = [];
    private readonly List<CheckRecord> _notApplicable = [];
    private int _predictions, _predicted, _predictedRight;

    public IReadOnlyList<CheckRecord> Results => _results;
    public int Total => _results.Count;
    public int Passed => _results.Count(r => r.Passed);
    public bool AllPassed => Passed == Total;

    /// <summary>Check cells after a cell that found this engine cannot run the rest of the lesson: not scored at all.</summary>
    public IReadOnlyList<CheckRecord> NotApplicable => _notApplicable;

    /// <summary>Reads the check results and predictions out of a cell's nbformat outputs; returns the checks it found.</summary>
    public IReadOnlyList<CheckRecord> Add(NotebookCell cell, JsonArray outputs)
    {
        var found = new List<CheckRecord>();
        foreach (var data in outputs.OfType<JsonObject>().Select(o => o["data"]).OfType<JsonObject>())
        {
            if (data[MimeTypes.Check] is JsonObject check)
                found.Add(new CheckRecord(cell.Id ?? "", Str(check["title"]) ?? "check", check["passed"]?.GetValue<bool>() == true, Str(check["message"]) ?? ""));
            if (data[MimeTypes.Prediction] is JsonObject prediction)
            {
                _predictions++;
                if (prediction["correct"] is JsonValue correct)
                {
                    _predicted++;
                    if (correct.GetValue<bool>()) _predictedRight++;
                }
            }
        }
        if (found.Count == 0 && cell.HasTag(CheckTag))
            found.Add(Missing(cell, "the check cell failed before it could show a result; run the cells above it, then this one"));
        _results.AddRange(found);
        return found;
    }

    /// <summary>A check cell the run never reached counts as failed.</summary>
    public void AddNotRun(NotebookCell cell) => _results.Add(Missing(cell, "the check cell did not run (the notebook stopped before it)"));

    /// <summary>A check cell after the lesson stopped because this engine cannot run the rest: neither passed nor failed.</summary>
    public void AddNotApplicable(NotebookCell cell) => _notApplicable.Add(Missing(cell, "not on this engine: the lesson stopped before it, where this engine cannot follow"));

    private static CheckRecord Missing(NotebookCell cell, string why) =>
        new(cell.Id ?? "", NotebookCell.FirstLine(cell.Source).TrimStart('/').Trim(), false, why);

    /// <summary><c>metadata.courseware.checks</c>: <c>{"passed": P, "total": T, "results": [...]}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["passed"] = Passed,
        ["total"] = Total,
        ["results"] = new JsonArray(_results.Select(r => (JsonNode?)r.ToJson()).ToArray()),
        ["notApplicable"] = _notApplicable.Count,
    };

    /// <summary><c>metadata.courseware.predictions</c>: how many reveals ran, how many had a prediction, how many were right.</summary>
    public JsonObject PredictionsJson() => new() { ["revealed"] = _predictions, ["predicted"] = _predicted, ["right"] = _predictedRight };

    /// <summary>Stores the tally in the notebook's metadata, next to what else courseware keeps there.</summary>
    public void WriteTo(NotebookDocument document)
    {
        var courseware = document.Metadata["courseware"] as JsonObject ?? (JsonObject)(document.Metadata["courseware"] = new JsonObject());
        courseware["checks"] = ToJson();
        courseware["predictions"] = PredictionsJson();
    }

    /// <summary>Reads back what <see cref="WriteTo"/> stored (the HTML export shows it).</summary>
    public static (int Passed, int Total, IReadOnlyList<CheckRecord> Results)? ReadFrom(NotebookDocument document)
    {
        if (document.Metadata["courseware"]?["checks"] is not JsonObject checks) return null;
        var results = (checks["results"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => new CheckRecord(Str(r["cell"]) ?? "", Str(r["title"]) ?? "", r["passed"]?.GetValue<bool>() == true, Str(r["message"]) ?? ""))
            .ToList();
        return (checks["passed"]?.GetValue<int>() ?? 0, checks["total"]?.GetValue<int>() ?? 0, results);
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
