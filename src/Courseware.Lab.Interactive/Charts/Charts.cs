using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

/// <summary>Charts of the lab's results, as <see cref="PlotlyFigure"/>s: return one from a cell to draw it.</summary>
public static partial class Charts
{
    private const string Blue = "#3b82f6";
    private const string Green = "#2da44e";
    private const string Orange = "#d18616";
    private const string Grey = "#8c959f";

    private static JsonArray JsonList<T>(IEnumerable<T> values) =>
        new(values.Select(v => v is null ? null : (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject Title(string text) => new() { ["text"] = text };

    /// <summary>Plotly reads a subset of HTML in labels; names from the engine are escaped so they show as typed.</summary>
    private static string PlotText(string text) => WebUtility.HtmlEncode(text);

    private static string Fmt(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
