using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>The sequence chart's three lanes (neighbour, cable/bridge, container) at x = 0, 1, 2, with a margin.</summary>
    private static readonly int[] LaneTicks = [0, 1, 2];
    private static readonly double[] LaneRange = [-0.3, 2.3];

    /// <summary>
    /// Lesson 04's two captures of one request as a sequence chart: three lifelines (the client, the host's published
    /// address, the container) and one arrow per packet in time order. Packets on the client's cable run between the
    /// client and the host's address; the same packets on the bridge, after the DNAT, run on to the container. With no
    /// capture (no neighbour on this engine) the chart says why instead.
    /// </summary>
    public static PlotlyFigure NatSequence(CaptureResult? onCable, CaptureResult? onBridge, string whyNone = "", int maxPacketsEach = 10)
    {
        var cable = onCable?.Packets.Take(maxPacketsEach).ToList() ?? [];
        var bridge = onBridge?.Packets.Take(maxPacketsEach).ToList() ?? [];
        var client = cable.FirstOrDefault()?.Source ?? "client";
        var clientAddress = cable.FirstOrDefault()?.SourceAddress ?? "";
        var published = cable.FirstOrDefault()?.Destination ?? "host";
        var container = bridge.FirstOrDefault(p => p.SourceAddress == clientAddress)?.Destination ?? "container";
        string[] lanes = [$"client {client}", $"host {published}", $"container {container}"];

        // Time order across both captures: tcpdump's HH:MM:SS.ffffff sorts as text within one capture's second(s).
        var packets = cable.Select(p => (Where: "cable", Packet: p)).Concat(bridge.Select(p => (Where: "bridge", Packet: p)))
            .OrderBy(x => x.Packet.Time, StringComparer.Ordinal).ThenBy(x => x.Where == "cable" ? 0 : 1).ToList();
        var data = new JsonArray();
        for (var lane = 0; lane < lanes.Length; lane++)
            data.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["hoverinfo"] = "skip", ["showlegend"] = false,
                ["x"] = JsonList(new[] { lane, lane }), ["y"] = JsonList(new[] { 0.5, -packets.Count - 0.5 }),
                ["line"] = new JsonObject { ["color"] = Grey, ["dash"] = "dot", ["width"] = 1 },
            });
        var arrows = new JsonArray();
        var labelX = new List<double>();
        var labelY = new List<double>();
        var labels = new List<string>();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (i, (where, packet)) in packets.Index())
        {
            var fromClient = packet.SourceAddress == clientAddress;
            var (near, far) = where == "cable" ? (0, 1) : (1, 2);
            var (from, to) = fromClient ? (near, far) : (far, near);
            arrows.Add(new JsonObject
            {
                ["x"] = to, ["y"] = -i - 1, ["ax"] = from, ["ay"] = -i - 1, ["xref"] = "x", ["yref"] = "y", ["axref"] = "x", ["ayref"] = "y",
                ["showarrow"] = true, ["arrowhead"] = 2, ["arrowwidth"] = 1.5, ["text"] = "",
                ["arrowcolor"] = where == "cable" ? Blue : Green,
            });
            var flags = packet.Summary.StartsWith("Flags [", StringComparison.Ordinal) ? packet.Summary[..(packet.Summary.IndexOf(']') + 1)] : packet.Protocol;
            labelX.Add((near + far) / 2.0);
            labelY.Add(-i - 1 + 0.3);
            labels.Add(PlotText($"{packet.Source} → {packet.Destination} {flags}"));
            rows.Add([packet.Time, where, packet.Source, packet.Destination, packet.Summary]);
        }
        data.Add(new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "text", ["showlegend"] = false, ["hoverinfo"] = "text",
            ["x"] = JsonList(labelX), ["y"] = JsonList(labelY), ["text"] = JsonList(labels), ["textfont"] = new JsonObject { ["size"] = 10 },
        });
        var layout = new JsonObject
        {
            ["title"] = Title("One request, on the cable (blue) and on the bridge after the DNAT (green)"),
            ["xaxis"] = new JsonObject
            {
                ["tickvals"] = JsonList(LaneTicks), ["ticktext"] = JsonList(lanes.Select(PlotText)), ["side"] = "top",
                ["range"] = JsonList(LaneRange), ["showgrid"] = false, ["zeroline"] = false,
            },
            ["yaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList(new[] { -packets.Count - 0.8, 0.8 }) },
            ["annotations"] = packets.Count > 0 ? arrows : new JsonArray(new JsonObject
            {
                ["text"] = PlotText(whyNone.Length > 0 ? $"No capture on this engine: {whyNone}" : "No packets were captured."),
                ["showarrow"] = false, ["x"] = 0.5, ["y"] = 0.5, ["xref"] = "paper", ["yref"] = "paper",
            }),
            ["height"] = Math.Max(260, 90 + 34 * packets.Count),
            ["margin"] = new JsonObject { ["t"] = 90, ["l"] = 20, ["r"] = 20, ["b"] = 20 },
        };
        return new PlotlyFigure(data, layout, new FigureTable(["time", "where", "source", "destination", "summary"], rows));
    }
}
