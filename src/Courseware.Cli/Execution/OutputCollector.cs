using System.Text.Json;
using System.Text.Json.Nodes;
using Courseware.Cli.Notebooks;
using Courseware.Lab;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Cli.Execution;

/// <summary>
/// Turns one cell's kernel events into nbformat outputs, in order: stream, display_data, execute_result, error.
/// A display that is updated is rewritten in place, so a progress display leaves only its last state in the notebook.
/// A listener, when given, hears each output as it is added (the Jupyter kernel publishes them live).
/// </summary>
public sealed class OutputCollector(int executionCount, IOutputListener? listener = null)
{
    private readonly object _gate = new();
    private readonly JsonArray _outputs = [];
    private readonly Dictionary<string, JsonObject> _displays = new(StringComparer.Ordinal);

    public int ExecutionCount { get; } = executionCount;

    public void Add(KernelEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case StandardOutputValueProduced output:
                    AddStream("stdout", Text(output.FormattedValues));
                    break;
                case StandardErrorValueProduced error:
                    AddStream("stderr", Text(error.FormattedValues));
                    break;
                case ErrorProduced error:
                    AddStream("stderr", error.Message.EndsWith('\n') ? error.Message : error.Message + "\n");
                    break;
                case DisplayedValueUpdated updated:
                    // An update of a display this cell never produced (the object.Display() extension of this
                    // .NET Interactive build returns a handle whose id differs from the one it displayed) becomes
                    // a display of its own, which its later updates replace.
                    if (updated.ValueId is { } id && _displays.TryGetValue(id, out var shown))
                    {
                        shown["data"] = Bundle(updated.FormattedValues);
                        listener?.DisplayUpdated(Bundle(updated.FormattedValues), id);
                    }
                    else
                        AddDisplay(updated.FormattedValues, updated.ValueId);
                    break;
                case DisplayedValueProduced displayed:
                    AddDisplay(displayed.FormattedValues, displayed.ValueId);
                    break;
                case ReturnValueProduced returned:
                    var data = Bundle(returned.FormattedValues);
                    if (data.Count == 0) break;
                    _outputs.Add(new JsonObject
                    {
                        ["data"] = data,
                        ["execution_count"] = ExecutionCount,
                        ["metadata"] = new JsonObject(),
                        ["output_type"] = "execute_result",
                    });
                    listener?.Returned(Bundle(returned.FormattedValues), ExecutionCount);
                    break;
            }
        }
    }

    /// <summary>The error output of a failed cell, as Jupyter shows it: name, value and traceback lines.</summary>
    public void AddError(string name, string value, IEnumerable<string> traceback)
    {
        lock (_gate)
        {
            _outputs.Add(new JsonObject
            {
                ["ename"] = name,
                ["evalue"] = value,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            });
        }
    }

    /// <summary>A deep copy, so that events arriving late (a cancelled cell still running) cannot change what was written.</summary>
    public JsonArray Snapshot()
    {
        lock (_gate) return (JsonArray)_outputs.DeepClone();
    }

    private void AddDisplay(IReadOnlyCollection<FormattedValue> values, string? valueId)
    {
        var data = Bundle(values);
        if (data.Count == 0) return;
        var output = new JsonObject
        {
            ["data"] = data,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
        _outputs.Add(output);
        if (valueId is not null) _displays[valueId] = output;
        listener?.Displayed(Bundle(values), valueId);
    }

    private void AddStream(string name, string text)
    {
        if (text.Length == 0) return;
        listener?.Streamed(name, text);
        // Jupyter merges consecutive writes to one stream into one output.
        if (_outputs.Count > 0 && _outputs[^1] is JsonObject last
            && last["output_type"]?.GetValue<string>() == "stream" && last["name"]?.GetValue<string>() == name)
        {
            last["text"] = NotebookCell.SplitMultiline(NotebookCell.JoinMultiline(last["text"]) + text);
            return;
        }
        _outputs.Add(new JsonObject
        {
            ["name"] = name,
            ["output_type"] = "stream",
            ["text"] = NotebookCell.SplitMultiline(text),
        });
    }

    private static string Text(IEnumerable<FormattedValue> values) =>
        string.Concat(values.Where(v => v.MimeType == MimeTypes.PlainText).Select(v => v.Value));

    /// <summary>
    /// A mime bundle: JSON mime types (application/json, application/vnd.plotly.v1+json) as JSON values, as nbformat
    /// and every Jupyter renderer expect; everything else as lines.
    /// </summary>
    public static JsonObject Bundle(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values)
        {
            if (value.SuppressDisplay || data.ContainsKey(value.MimeType)) continue;
            data[value.MimeType] = IsJsonMimeType(value.MimeType) && TryParseJson(value.Value) is { } json
                ? json
                : NotebookCell.SplitMultiline(value.Value ?? "");
        }
        return data;
    }

    public static bool IsJsonMimeType(string mimeType) =>
        mimeType.StartsWith("application/", StringComparison.Ordinal)
        && (mimeType.EndsWith("/json", StringComparison.Ordinal) || mimeType.EndsWith("+json", StringComparison.Ordinal));

    private static JsonNode? TryParseJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
