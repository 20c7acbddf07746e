using System.Text.Json.Nodes;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Unit;

public sealed class CheckTallyTests
{
    private static NotebookCell Cell(string id, string source, params string[] tags) => NotebookCell.NewCode(id, source, "csharp", tags);

    private static JsonArray Outputs(params JsonObject[] data) =>
        new(data.Select(d => (JsonNode?)new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = d }).ToArray());

    private static JsonObject CheckBundle(string title, bool passed, string message) => new()
    {
        ["text/plain"] = new JsonArray("…"),
        [MimeTypes.Check] = new CheckResult(title, passed, message, []).ToJson(),
    };

    [Fact]
    public void Check_results_in_outputs_are_counted_whatever_the_cell_tags()
    {
        var tally = new CheckTally();
        var first = tally.Add(Cell("a", "// check"), Outputs(CheckBundle("one", true, "verified"), new JsonObject { ["text/plain"] = new JsonArray("x") }));
        tally.Add(Cell("b", "// check", "check"), Outputs(CheckBundle("two", false, "the hint")));

        Assert.Single(first);
        Assert.Equal((1, 2, false), (tally.Passed, tally.Total, tally.AllPassed));
        var json = tally.ToJson();
        Assert.Equal(1, (int)json["passed"]!);
        Assert.Equal(2, (int)json["total"]!);
        Assert.Equal("the hint", (string?)json["results"]![1]!["message"]);
        Assert.Equal("b", (string?)json["results"]![1]!["cell"]);
    }

    [Fact]
    public void A_check_cell_that_showed_nothing_or_did_not_run_counts_as_failed()
    {
        var tally = new CheckTally();
        tally.Add(Cell("a", "// docker inspect web\nawait docker.CheckAsync(…)", "check"), []);
        tally.AddNotRun(Cell("b", "// docker port web", "check"));
        tally.Add(Cell("c", "// docker ps"), []);   // not a check cell: nothing counted

        Assert.Equal((0, 2), (tally.Passed, tally.Total));
        Assert.Equal("docker inspect web", tally.Results[0].Title);
        Assert.Contains("failed before it could show a result", tally.Results[0].Message);
        Assert.Contains("did not run", tally.Results[1].Message);
    }

    [Fact]
    public void Predictions_are_counted_not_scored_and_the_tally_lands_in_the_notebook_metadata()
    {
        var tally = new CheckTally();
        tally.Add(Cell("p", "// predict"), Outputs(
            new JsonObject { [MimeTypes.Prediction] = Predict.Reveal("q", "80", "other", "e").ToJson() },
            new JsonObject { [MimeTypes.Prediction] = Predict.Reveal("q", "", "other", "e").ToJson() },
            new JsonObject { [MimeTypes.Prediction] = Predict.Reveal("q", "yes", true, "e").ToJson() }));
        var document = NotebookDocument.Parse("""{"cells": [], "metadata": {"courseware": {"title": "T"}}, "nbformat": 4, "nbformat_minor": 5}""");
        tally.WriteTo(document);

        Assert.Equal(0, tally.Total);
        Assert.Equal("T", (string?)document.Metadata["courseware"]!["title"]);
        Assert.Equal(0, (int)document.Metadata["courseware"]!["checks"]!["total"]!);
        Assert.Equal("""{"revealed":3,"predicted":2,"right":1}""", document.Metadata["courseware"]!["predictions"]!.ToJsonString());
        Assert.Equal((0, 0), CheckTally.ReadFrom(document) is { } read ? (read.Passed, read.Total) : (-1, -1));
    }
}
