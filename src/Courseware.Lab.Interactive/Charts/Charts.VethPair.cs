using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>The wire's two ends, the container's eth0 and the host's veth, on one horizontal line.</summary>
    private static readonly double[] WireEndsX = [0.8, 2.2];
    private static readonly double[] WireEndsY = [0.5, 0.5];

    /// <summary>
    /// Lesson 04's virtual cable as a picture: the container's namespace with its end (<c>eth0@ifN</c>), the host with
    /// the other end (interface N, a <c>veth…</c>) plugged into the bridge, and the pair between them.
    /// </summary>
    /// <param name="container">The container, e.g. tuh-web.</param>
    /// <param name="containerEnd">Its end as <c>ip link</c> shows it inside, e.g. "eth0 (interface 2)".</param>
    /// <param name="hostEnd">The host's end, e.g. "vethfc420db (interface 20596)".</param>
    /// <param name="bridge">The bridge the host's end is plugged into, e.g. docker0; empty for none.</param>
    public static PlotlyFigure VethPair(string container, string containerEnd, string hostEnd, string bridge)
    {
        JsonObject Box(double x0, double x1, string color) => new()
        {
            ["type"] = "rect", ["x0"] = x0, ["x1"] = x1, ["y0"] = 0, ["y1"] = 1, ["xref"] = "x", ["yref"] = "y",
            ["line"] = new JsonObject { ["color"] = color, ["width"] = 2 }, ["fillcolor"] = color, ["opacity"] = 0.12,
        };
        JsonObject Label(double x, double y, string text, int size = 12) => new()
        {
            ["x"] = x, ["y"] = y, ["text"] = PlotText(text), ["showarrow"] = false, ["font"] = new JsonObject { ["size"] = size },
        };
        var ends = new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "lines+markers", ["showlegend"] = false, ["hoverinfo"] = "skip",
            ["x"] = JsonList(WireEndsX), ["y"] = JsonList(WireEndsY),
            ["line"] = new JsonObject { ["color"] = Orange, ["width"] = 4 }, ["marker"] = new JsonObject { ["size"] = 12, ["color"] = Orange },
        };
        var annotations = new JsonArray(
            Label(0.5, 0.9, $"{container}'s network namespace", 13), Label(0.5, 0.5, containerEnd),
            Label(1.5, 0.62, "veth pair: one virtual cable", 11),
            Label(3.0, 0.9, "the host", 13), Label(2.6, 0.5, hostEnd));
        if (bridge.Length > 0) annotations.Add(Label(3.55, 0.25, $"plugged into {bridge}"));
        var layout = new JsonObject
        {
            ["title"] = Title($"{container}'s cable to the host"),
            ["shapes"] = new JsonArray(Box(0, 1, Green), Box(2, 4, Blue)),
            ["annotations"] = annotations,
            ["xaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList(new[] { -0.1, 4.1 }) },
            ["yaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList(new[] { -0.1, 1.1 }) },
            ["height"] = 240,
            ["margin"] = new JsonObject { ["t"] = 50, ["l"] = 10, ["r"] = 10, ["b"] = 10 },
        };
        return new PlotlyFigure(new JsonArray(ends), layout,
            new FigureTable(["end", "where", "plugged into"], [[containerEnd, $"{container}'s namespace", ""], [hostEnd, "the host", bridge]]));
    }
}
