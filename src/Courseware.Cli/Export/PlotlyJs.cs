using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Export;

/// <summary>
/// Our committed plotly.js and the script that draws one figure with it: the HTML export embeds the library once per
/// page, the Jupyter kernel sends it once per session (PlotlyOffline); both draw every figure with <see cref="DrawScript"/>.
/// </summary>
public static partial class PlotlyJs
{

    public const string Version = "2.35.3";

    private static readonly Lazy<string> LazySource = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is not embedded in courseware; see src/Courseware.Cli/assets/README.md.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>plotly.min.js, made safe to put inside a script element.</summary>
    public static string Source => ForScriptElement(LazySource.Value);

    /// <summary>
    /// Draws the figure into the element with id <paramref name="elementId"/> with window.Plotly; where the page loads
    /// modules through require.js (Jupyter Notebook) and Plotly is not global yet, through require(['plotly']).
    /// </summary>
    public static string DrawScript(string elementId, JsonNode figure) =>
        "(function () { var figure = " + ForScriptElement(FigureJson(figure)) + ";\n" +
        "  function draw(Plotly) { Plotly.newPlot('" + elementId + "', figure.data || [], figure.layout || {}, Object.assign({ responsive: true, displaylogo: false }, figure.config || {})); }\n" +
        "  if (window.Plotly) draw(window.Plotly);\n" +
        "  else if (typeof window.define === 'function' && window.define.amd) window.require(['plotly'], draw);\n" +
        "  else window.addEventListener('courseware-plotly-ready', function () { draw(window.Plotly); }, { once: true });\n" +
        "})();";

    /// <summary>A figure as nbformat may hold it (an object, a string, or lines of a string), as JSON text.</summary>
    private static string FigureJson(JsonNode figure) =>
        figure is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : figure is JsonArray lines && lines.All(l => l is JsonValue) ? NotebookCell.JoinMultiline(lines)
        : figure.ToJsonString();

    /// <summary>Text that cannot end the script element it sits in, nor open an HTML comment there.</summary>
    public static string ForScriptElement(string script) =>
        ScriptBreaker().Replace(script, m => m.Value.StartsWith("<!", StringComparison.Ordinal) ? "<\\!--" : "<\\/" + m.Value[2..]);

    [GeneratedRegex("</script|<!--", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBreaker();
}
