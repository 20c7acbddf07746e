using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Courseware.Cli.Notebooks;

/// <summary>
/// An .ipynb file kept as its JSON tree, so that whatever the runner does not touch (unknown metadata, attachments,
/// raw cells, fields of later nbformat minors) is written back unchanged. Microsoft.DotNet.Interactive.Documents
/// cannot do that: its writer turns raw cells into code cells, drops attachments and stores every mime value as
/// an array of strings, which breaks application/*+json outputs such as plotly figures.
/// </summary>
public sealed partial class NotebookDocument
{
    private readonly JsonObject _root;
    private readonly List<NotebookCell> _cells;

    private NotebookDocument(JsonObject root, string? path)
    {
        _root = root;
        Path = path;
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "it has no \"cells\" array");
        _cells = cells.Select((c, i) => c is JsonObject o ? new NotebookCell(o) : throw new NotebookFormatException(path, $"cell {i} is not an object")).ToList();
    }

    /// <summary>The file it was read from, if any.</summary>
    public string? Path { get; }

    public string Name => Path is null ? "notebook" : System.IO.Path.GetFileNameWithoutExtension(Path);

    public IReadOnlyList<NotebookCell> Cells => _cells;

    public JsonObject Metadata => _root["metadata"] as JsonObject ?? (JsonObject)(_root["metadata"] = new JsonObject());

    public int FormatMajor => _root["nbformat"]?.GetValue<int>() ?? 4;

    public int FormatMinor => _root["nbformat_minor"]?.GetValue<int>() ?? 0;

    /// <summary>The kernel a code cell runs in when its metadata names none, as Polyglot Notebooks decides it.</summary>
    public string DefaultKernelName =>
        Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? KernelNameFromKernelspec(Metadata["kernelspec"]?["name"]?.GetValue<string>())
        ?? "csharp";

    public static NotebookDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, e.Message);
        }
        return Parse(text, path);
    }

    public static NotebookDocument Parse(string json, string? path = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, $"it is not valid JSON ({e.Message})");
        }
        if (node is not JsonObject root) throw new NotebookFormatException(path, "its top level is not a JSON object");
        var document = new NotebookDocument(root, path);
        if (document.FormatMajor != 4)
            throw new NotebookFormatException(path, $"it is nbformat {document.FormatMajor}; only nbformat 4 is supported (convert it with 'jupyter nbconvert --to notebook')");
        return document;
    }

    /// <summary>Inserts a cell after <paramref name="index"/> (or first when -1), in the JSON too.</summary>
    public NotebookCell InsertCell(int index, NotebookCell cell)
    {
        var array = (JsonArray)_root["cells"]!;
        array.Insert(index + 1, cell.Json);
        _cells.Insert(index + 1, cell);
        return cell;
    }

    public void RemoveCell(NotebookCell cell)
    {
        var array = (JsonArray)_root["cells"]!;
        array.Remove(cell.Json);
        _cells.Remove(cell);
    }

    /// <summary>
    /// Makes the notebook valid nbformat 4.5 for Polyglot Notebooks: a unique id on every cell (stable across runs, so
    /// re-executing a notebook does not churn its diff), the .net-csharp kernelspec, the polyglot_notebook kernel info
    /// and a language_info that Jupyter's tools can highlight C# by.
    /// </summary>
    public void NormalizeForPolyglot()
    {
        _root["nbformat"] = 4;
        _root["nbformat_minor"] = Math.Max(5, FormatMinor);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _cells.Count; i++)
        {
            var cell = _cells[i];
            var id = cell.Id;
            if (id is null || !ValidId().IsMatch(id) || !seen.Add(id))
            {
                id = StableId(i, cell.Source);
                while (!seen.Add(id)) id = StableId(i, id);
                cell.Id = id;
            }
        }

        var metadata = Metadata;
        var defaultKernel = DefaultKernelName;
        if (metadata["kernelspec"] is not JsonObject)
            metadata["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        // Polyglot Notebooks keeps the name "polyglot-notebook" (it rewrites only the name when it saves). The other
        // fields are Jupyter's standard ones, for tools built on nbconvert: without pygments_lexer they find no lexer
        // for "polyglot-notebook" and print the code unhighlighted.
        var languageInfo = metadata["language_info"] as JsonObject ?? (JsonObject)(metadata["language_info"] = new JsonObject());
        languageInfo["file_extension"] ??= ".cs";
        languageInfo["mimetype"] ??= "text/x-csharp";
        languageInfo["name"] ??= "polyglot-notebook";
        languageInfo["pygments_lexer"] ??= "csharp";
        var polyglot = metadata["polyglot_notebook"] as JsonObject ?? (JsonObject)(metadata["polyglot_notebook"] = new JsonObject());
        var kernelInfo = polyglot["kernelInfo"] as JsonObject ?? (JsonObject)(polyglot["kernelInfo"] = new JsonObject());
        kernelInfo["defaultKernelName"] ??= defaultKernel;
        var items = kernelInfo["items"] as JsonArray ?? (JsonArray)(kernelInfo["items"] = new JsonArray());
        if (!items.Any(item => item?["name"]?.GetValue<string>() == "csharp"))
            items.Add(new JsonObject { ["aliases"] = new JsonArray(), ["languageName"] = "C#", ["name"] = "csharp" });

        foreach (var cell in _cells.Where(c => c.IsCode))
            cell.KernelName = cell.KernelNameOr(defaultKernel);
    }

    public string ToJson() => _root.ToJsonString(WriteOptions) + "\n";

    /// <summary>One-space indentation and literal non-ASCII text, as Jupyter and VS Code write notebooks.</summary>
    internal static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string StableId(int index, string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{seed}"));
        return Convert.ToHexStringLower(hash)[..12];
    }

    private static string? KernelNameFromKernelspec(string? name) => name switch
    {
        ".net-csharp" => "csharp",
        ".net-fsharp" => "fsharp",
        ".net-pwsh" => "pwsh",
        _ => null,
    };

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex ValidId();
}

/// <summary>A file that is not a notebook this runner can execute.</summary>
public sealed class NotebookFormatException(string? path, string reason)
    : Exception($"{path ?? "The notebook"} cannot be read: {reason}.");
