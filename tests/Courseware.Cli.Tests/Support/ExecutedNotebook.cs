using System.Text.Json.Nodes;

namespace Courseware.Cli.Tests.Support;

/// <summary>An executed .ipynb as the runner wrote it, read back as plain JSON.</summary>
public sealed class ExecutedNotebook
{
    public ExecutedNotebook(string path)
    {
        Path = path;
        Root = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
    }

    public string Path { get; }
    public JsonObject Root { get; }

    public IReadOnlyList<JsonObject> Cells => Root["cells"]!.AsArray().Cast<JsonObject>().ToList();

    public IReadOnlyList<JsonObject> CodeCells => Cells.Where(c => (string?)c["cell_type"] == "code").ToList();

    public IReadOnlyList<JsonObject> MarkdownCells => Cells.Where(c => (string?)c["cell_type"] == "markdown").ToList();

    /// <summary>Every markdown cell's source, in order, one per line break: what a learner reads.</summary>
    public string Prose => string.Join("\n", MarkdownCells.Select(Source));

    public static string Source(JsonObject cell) => Join(cell["source"]);

    public static IReadOnlyList<string> Tags(JsonObject cell) =>
        cell["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => (string)t!).ToList() : [];

    public static int? ExecutionCount(JsonObject cell) => (int?)cell["execution_count"];

    public static IReadOnlyList<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().Cast<JsonObject>().ToList();

    /// <summary>Everything a cell printed to stdout.</summary>
    public static string Stdout(JsonObject cell) =>
        string.Concat(Outputs(cell).Where(o => (string?)o["output_type"] == "stream" && (string?)o["name"] == "stdout").Select(o => Join(o["text"])));

    public static string Join(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        null => "",
        _ => (string)node!,
    };

    public static string? Id(JsonObject cell) => (string?)cell["id"];

    /// <summary>
    /// The cell with this nbformat id. Tests find cells by id or tag, never by a piece of their code, so editing a
    /// lesson's code or prose does not break a test about something else.
    /// </summary>
    public JsonObject Cell(string id) =>
        Cells.SingleOrDefault(c => Id(c) == id)
        ?? throw new Xunit.Sdk.XunitException($"{Path} has no cell with id '{id}'. Its code cells: {string.Join(", ", CodeCells.Select(Id))}");

    /// <summary>The cells carrying this tag, in notebook order.</summary>
    public IReadOnlyList<JsonObject> Tagged(string tag) => Cells.Where(c => Tags(c).Contains(tag)).ToList();

    /// <summary>The notebook's own metadata.courseware (title, id, requires; checks and predictions once executed).</summary>
    public JsonObject Courseware => Root["metadata"]?["courseware"] as JsonObject
        ?? throw new Xunit.Sdk.XunitException($"{Path} has no metadata.courseware");

    /// <summary>The score `courseware run` wrote: {"passed", "total", "results": [{"title", "passed", "message"}]}.</summary>
    public JsonObject Checks => Courseware["checks"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"{Path} has no metadata.courseware.checks");

    /// <summary>The predictions `courseware run` counted: {"revealed", "predicted", "right"}.</summary>
    public JsonObject Predictions => Courseware["predictions"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"{Path} has no metadata.courseware.predictions");

    /// <summary>What the lesson needs of the engine (metadata.courseware.requires), e.g. "rootful-linux".</summary>
    public IReadOnlyList<string> Requires =>
        Courseware["requires"] is JsonArray needs ? needs.Select(n => (string)n!).ToList() : [];
}
