using System.Text.Json.Nodes;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// Publishes one execute request's outputs on iopub the moment the kernel produces them: the same mime bundles the
/// runner writes into the executed notebook, as messages (stream, display_data, update_display_data, execute_result).
/// A figure also gets an HTML drawing of itself, and the session's first figure the plotly.js it needs (<see cref="PlotlyOffline"/>).
/// </summary>
public sealed class IopubOutputs(KernelReplies replies, JupyterMessage request, PlotlyOffline plotly) : IOutputListener
{
    public void Streamed(string name, string text) =>
        replies.Publish(request, "stream", new JsonObject { ["name"] = name, ["text"] = text });

    public void Displayed(JsonObject data, string? displayId) =>
        replies.Publish(request, "display_data", new JsonObject
        {
            ["data"] = ForMessage(data),
            ["metadata"] = new JsonObject(),
            ["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId },
        });

    public void DisplayUpdated(JsonObject data, string displayId) =>
        replies.Publish(request, "update_display_data", new JsonObject
        {
            ["data"] = ForMessage(data),
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = displayId },
        });

    public void Returned(JsonObject data, int executionCount) =>
        replies.Publish(request, "execute_result", new JsonObject
        {
            ["execution_count"] = executionCount,
            ["data"] = ForMessage(data),
            ["metadata"] = new JsonObject(),
        });

    /// <summary>
    /// nbformat may store text as a list of lines; on the wire every text mime type is one string. A figure's bundle
    /// gets its drawing, after the loader of plotly.js when it is the session's first.
    /// </summary>
    private JsonObject ForMessage(JsonObject bundle)
    {
        if (plotly.LoaderFor(bundle) is { } loader)
            replies.Publish(request, "display_data", new JsonObject { ["data"] = loader, ["metadata"] = new JsonObject(), ["transient"] = new JsonObject() });
        var data = new JsonObject();
        foreach (var (mimeType, value) in bundle)
            data[mimeType] = value is JsonArray && !OutputCollector.IsJsonMimeType(mimeType)
                ? NotebookCell.JoinMultiline(value)
                : value?.DeepClone();
        return PlotlyOffline.WithDrawing(data);
    }
}
