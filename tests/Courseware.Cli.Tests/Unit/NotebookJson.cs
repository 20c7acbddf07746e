using System.Text.Json.Nodes;

namespace Courseware.Cli.Tests.Unit;

/// <summary>Small notebooks written inline, for tests of the document model.</summary>
internal static class NotebookJson
{
    public static string Of(params JsonObject[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray(cells.Cast<JsonNode?>().ToArray()),
        ["metadata"] = new JsonObject(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = 4,
    }.ToJsonString();

    public static JsonObject Code(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()) },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    public static JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    };
}
