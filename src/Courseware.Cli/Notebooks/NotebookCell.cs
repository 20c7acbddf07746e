using System.Text.Json.Nodes;

namespace Courseware.Cli.Notebooks;

/// <summary>One cell of a <see cref="NotebookDocument"/>, read and written through its JSON object.</summary>
public sealed class NotebookCell
{
    public const string ParametersTag = "parameters";
    public const string InjectedParametersTag = "injected-parameters";
    public const string RaisesExceptionTag = "raises-exception";

    internal NotebookCell(JsonObject json) => Json = json;

    internal JsonObject Json { get; }

    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "code";

    public bool IsCode => CellType == "code";

    public bool IsMarkdown => CellType == "markdown";

    public string? Id
    {
        get => Json["id"]?.GetValue<string>();
        set => Json["id"] = value;
    }

    /// <summary>nbformat stores source as one string or as lines; either reads as one string.</summary>
    public string Source
    {
        get => JoinMultiline(Json["source"]);
        set => Json["source"] = SplitMultiline(value);
    }

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    public IReadOnlyList<string> Tags =>
        Json["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToArray() : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>The Polyglot kernel this code cell runs in, from its metadata; null when it names none.</summary>
    public string? KernelName
    {
        get => Json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
               ?? Json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>();
        set
        {
            var polyglot = Metadata["polyglot_notebook"] as JsonObject ?? (JsonObject)(Metadata["polyglot_notebook"] = new JsonObject());
            polyglot["kernelName"] = value;
            // Older Polyglot (.NET Interactive) versions read this key; VS Code still writes both.
            var legacy = Metadata["dotnet_interactive"] as JsonObject ?? (JsonObject)(Metadata["dotnet_interactive"] = new JsonObject());
            legacy["language"] = value;
        }
    }

    public string KernelNameOr(string defaultKernel) => KernelName ?? defaultKernel;

    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    public int? ExecutionCount
    {
        get => Json["execution_count"]?.GetValue<int>();
        set => Json["execution_count"] = value;
    }

    /// <summary>Attachments of a markdown cell (pasted images), by name: mime type to base64 data.</summary>
    public JsonObject? Attachments => Json["attachments"] as JsonObject;

    /// <summary>Clears what an earlier run left, so a cell this run does not reach shows no stale output.</summary>
    public void ClearExecution()
    {
        if (!IsCode) return;
        Json["outputs"] = new JsonArray();
        Json["execution_count"] = null;
    }

    public static NotebookCell NewCode(string id, string source, string kernelName, params string[] tags)
    {
        var cell = new NotebookCell(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()) },
            ["outputs"] = new JsonArray(),
            ["source"] = SplitMultiline(source),
        });
        cell.KernelName = kernelName;
        return cell;
    }

    public override string ToString() => $"{CellType} cell {Id}: {FirstLine(Source)}";

    public static string FirstLine(string text)
    {
        foreach (var line in text.Split('\n'))
            if (line.Trim().Length > 0) return line.Trim();
        return "";
    }

    internal static string JoinMultiline(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>Lines that keep their "\n", the last without one: how Jupyter writes multi-line strings.</summary>
    internal static JsonArray SplitMultiline(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }
}
