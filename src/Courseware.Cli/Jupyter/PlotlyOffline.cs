using Courseware.Lab;
using System.Text.Json.Nodes;
using Courseware.Cli.Export;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// Charts for every front end, offline, as plotly.py's offline notebook mode does it. A kernel cannot tell which front
/// end it serves: VS Code and JupyterLab render the plotly mime type themselves, Jupyter Notebook has no renderer for it
/// and shows the bundle's HTML. So a figure always keeps its plotly mime type and gets an HTML version that draws it,
/// with the plotly.js this kernel sends once per session from our own copy (no network, no CDN).
/// </summary>
public sealed class PlotlyOffline
{
    private int _sent;

    /// <summary>
    /// The display that loads plotly.js, the first time a bundle with a figure goes out in this session; null after
    /// that, and for bundles without a figure.
    /// </summary>
    public JsonObject? LoaderFor(JsonObject data) =>
        data.ContainsKey(MimeTypes.Plotly) && Interlocked.Exchange(ref _sent, 1) == 0
            ? new JsonObject { [MimeTypes.Html] = LoaderHtml() }
            : null;

    /// <summary>The bundle with its text/html replaced by a drawing of its figure (bundles without a figure stay as they are).</summary>
    public static JsonObject WithDrawing(JsonObject data)
    {
        if (data[MimeTypes.Plotly] is not { } figure) return data;
        var id = "courseware-plotly-" + Guid.NewGuid().ToString("N");
        data[MimeTypes.Html] = $"<div id=\"{id}\" class=\"courseware-plotly\" style=\"width: 100%; min-height: 420px;\"></div>\n"
                            + "<script type=\"text/javascript\">\n" + PlotlyJs.DrawScript(id, figure) + "\n</script>";
        return data;
    }

    /// <summary>
    /// plotly.min.js run as a CommonJS module: under require.js (Jupyter Notebook) it is defined as the module
    /// 'plotly' (an anonymous define in an inline script would fail); elsewhere it sets window.Plotly. Either way a
    /// 'courseware-plotly-ready' event tells figures that arrived first.
    /// </summary>
    private static string LoaderHtml() =>
        "<script type=\"text/javascript\">\n"
        + $"/* plotly.js {PlotlyJs.Version} (MIT licence, (c) Plotly, Inc.), sent once per session by the courseware kernel */\n"
        + "(function () {\n"
        + "  if (window.Plotly) return;\n"
        + "  var factory = function (require, exports, module) {\n" + PlotlyJs.Source + "\n  };\n"
        + "  function ready(Plotly) { window.Plotly = Plotly; window.dispatchEvent(new Event('courseware-plotly-ready')); }\n"
        + "  if (typeof window.define === 'function' && window.define.amd) {\n"
        + "    if (window.require.undef) window.require.undef('plotly');\n"
        + "    window.define('plotly', factory);\n"
        + "    window.require(['plotly'], ready);\n"
        + "  } else {\n"
        + "    var module = { exports: {} };\n"
        + "    factory(null, module.exports, module);\n"
        + "    ready(module.exports);\n"
        + "  }\n"
        + "})();\n"
        + "</script>";
}
