using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>The lessons' notebooks, and what a cell of an executed one shows.</summary>
public static class LessonNotebook
{
    public static string Directory { get; } = Path.Combine(Paths.RepoRoot, "notebooks");

    public static IEnumerable<object[]> All() =>
        System.IO.Directory.GetFiles(Directory, "*.ipynb").Order(StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Everything a person reads in a cell's outputs: text/plain of every bundle plus the streams.</summary>
    public static string Text(JsonObject cell) => string.Concat(ExecutedNotebook.Outputs(cell).Select(o =>
        (string?)o["output_type"] == "stream" ? ExecutedNotebook.Join(o["text"]) : ExecutedNotebook.Join(o["data"]?["text/plain"]) + "\n"));

    public static IReadOnlyList<JsonObject> Bundles(JsonObject cell, string mimeType) =>
        ExecutedNotebook.Outputs(cell).Select(o => o["data"]?[mimeType]).OfType<JsonObject>().ToList();
}
