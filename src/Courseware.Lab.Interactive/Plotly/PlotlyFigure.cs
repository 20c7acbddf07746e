using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive;

/// <summary>
/// A Plotly chart as plain JSON (no Plotly.NET: it needs an FSharp.Core the kernel does not ship). Displaying one
/// publishes the standard <c>application/vnd.plotly.v1+json</c> bundle <c>{"data":[...],"layout":{...}}</c>, which
/// Plotly-aware frontends draw, and a <c>text/html</c> fallback that draws with <c>window.Plotly</c> if the page has it
/// and otherwise shows the chart's data as a table. Nothing is loaded from a CDN.
/// </summary>
public sealed class PlotlyFigure
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Pretty = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
    // Default encoder: '<', '>', '&' and non-ASCII become \uXXXX, so the JSON cannot close the <script> it sits in.
    private static readonly JsonSerializerOptions ForScript = new() { Encoder = JavaScriptEncoder.Default };

    public PlotlyFigure(JsonArray data, JsonObject? layout = null, FigureTable? table = null)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Layout = layout ?? new JsonObject();
        Table = table;
    }

    /// <summary>The traces (Plotly's <c>data</c>).</summary>
    public JsonArray Data { get; }

    /// <summary>Plotly's <c>layout</c>.</summary>
    public JsonObject Layout { get; }

    /// <summary>The data as a table for the HTML fallback; derived from the traces when not given.</summary>
    public FigureTable? Table { get; }

    public string? Title => Layout["title"] switch
    {
        JsonObject t => t["text"]?.GetValue<string>(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    /// <summary>Each trace's type; Plotly's default is scatter.</summary>
    public IReadOnlyList<string> TraceTypes =>
        Data.OfType<JsonObject>().Select(t => t["type"]?.GetValue<string>() ?? "scatter").ToList();

    /// <summary>The mime bundle: <c>{"data":[...],"layout":{...}}</c>.</summary>
    public JsonObject ToMimeBundle() => new() { ["data"] = Data.DeepClone(), ["layout"] = Layout.DeepClone() };

    public string ToJson(bool indented = false) => ToMimeBundle().ToJsonString(indented ? Pretty : Compact);

    public override string ToString()
    {
        var types = TraceTypes.GroupBy(t => t).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        return $"Plotly figure{(Title is null ? "" : $" \"{Title}\"")}: {string.Join(", ", types)}";
    }

    internal static void RegisterFormatters()
    {
        Formatter.Register<PlotlyFigure>((figure, writer) => writer.Write(figure.ToJson()), MimeTypes.Plotly);
        Formatter.Register<PlotlyFigure>((figure, writer) => writer.Write(figure.ToHtml()), MimeTypes.Html);
        Formatter.Register<PlotlyFigure>((figure, writer) => writer.Write(figure.ToString()), MimeTypes.PlainText);
        // Formatters alone are not enough: the kernel publishes only a type's preferred mime types.
        Formatter.SetPreferredMimeTypesFor(typeof(PlotlyFigure), MimeTypes.Plotly, MimeTypes.Html, MimeTypes.PlainText);
    }

    internal string ToHtml()
    {
        var id = "cw-plot-" + Guid.NewGuid().ToString("N")[..12];
        var height = Layout["height"] is JsonValue h && h.TryGetValue<int>(out var px) ? px : 420;
        var title = Title is null ? "" : $"<div class=\"cw-title\">{Html.E(Title)}</div>";
        var fallback =
            $"<div id=\"{id}-table\">{title}" +
            "<div class=\"cw-muted\">Plotly is not loaded in this view, so here is the chart's data. Frontends that render application/vnd.plotly.v1+json draw the chart.</div>" +
            TableHtml() + "</div>";
        var script =
            "<script type=\"text/javascript\">(function(){" +
            "var P=window.Plotly;if(!P||typeof P.newPlot!=='function')return;" +
            $"var el=document.getElementById('{id}'),tb=document.getElementById('{id}-table');" +
            $"var fig={ToMimeBundle().ToJsonString(ForScript)};" +
            $"el.style.height='{height}px';" +
            "Promise.resolve(P.newPlot(el,fig.data,fig.layout,{responsive:true,displaylogo:false})).then(function(){if(tb)tb.style.display='none';});" +
            "})();</script>";
        return Html.Root($"<div id=\"{id}\" class=\"cw-plot-target\"></div>{fallback}{script}");
    }

    private string TableHtml()
    {
        var table = Table ?? TableFromTraces();
        return Html.Table(table.Headers, table.Rows.Select(r => (IReadOnlyList<string>)r.Select(Html.E).ToList()), "No data.");
    }

    /// <summary>Every array of every trace as a column (nested ones like link.source too), one table for all traces.</summary>
    private FigureTable TableFromTraces()
    {
        var columns = new List<(string Header, JsonArray Values, string Trace)>();
        foreach (var (trace, index) in Data.OfType<JsonObject>().Select((t, i) => (t, i)))
        {
            var name = trace["name"]?.ToString() ?? $"{trace["type"] ?? "scatter"} {index + 1}";
            foreach (var (key, value) in Flatten(trace, ""))
                columns.Add((key, value, name));
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in columns.GroupBy(c => c.Trace))
        {
            var length = group.Max(c => c.Values.Count);
            for (var i = 0; i < Math.Min(length, 200); i++)
                rows.Add([group.Key, .. columns.Select(c => c.Trace == group.Key && i < c.Values.Count ? c.Values[i]?.ToString() ?? "" : "")]);
        }
        return new FigureTable(["trace", .. columns.Select(c => columns.Count(o => o.Header == c.Header) > 1 ? $"{c.Header} ({c.Trace})" : c.Header)], rows);
    }

    private static IEnumerable<(string Key, JsonArray Values)> Flatten(JsonObject node, string prefix)
    {
        foreach (var (key, value) in node)
        {
            if (value is JsonArray array && array.All(v => v is JsonValue or null)) yield return (prefix + key, array);
            else if (value is JsonObject child && key is "node" or "link")
                foreach (var nested in Flatten(child, prefix + key + ".")) yield return nested;
        }
    }
}
