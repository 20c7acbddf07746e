using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>
    /// <c>docker ps</c>'s PORTS column as a Sankey diagram: host address:port (left) → container (middle) → container
    /// port (right). Ports a container exposes without publishing end at the container port with a grey link.
    /// </summary>
    public static PlotlyFigure PortMappings(IEnumerable<PsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var labels = new List<string>();
        var colors = new List<string>();
        var columns = new List<int>();
        var index = new Dictionary<string, int>();
        int Node(string key, string label, string color, int column)
        {
            if (index.TryGetValue(key, out var i)) return i;
            index[key] = labels.Count;
            labels.Add(label);
            colors.Add(color);
            columns.Add(column);
            return labels.Count - 1;
        }

        var source = new List<int>();
        var target = new List<int>();
        var linkColors = new List<string>();
        var linkLabels = new List<string>();
        var table = new List<IReadOnlyList<string>>();
        foreach (var row in rows.Where(r => r.Ports.Count > 0))
        {
            var container = Node("c:" + row.Id, row.Names, Green, 1);
            foreach (var port in row.Ports)
            {
                var containerSide = $"{port.ContainerPort}/{port.Protocol}";
                var portNode = Node($"p:{row.Id}:{containerSide}", $"{row.Names}:{containerSide}", Orange, 2);
                if (port.HostPort is null)
                {
                    source.Add(container); target.Add(portNode); linkColors.Add("rgba(140,149,159,0.35)"); linkLabels.Add("exposed, not published");
                    table.Add(["(not published)", row.Names, containerSide]);
                    continue;
                }
                var hostSide = ContainerCard.HostSide(port) + (port.Protocol == "tcp" ? "" : "/" + port.Protocol);
                var hostNode = Node("h:" + hostSide, hostSide + (port.AlsoIpv6 ? $" (+ [::]:{port.HostPort})" : ""), Blue, 0);
                source.Add(hostNode); target.Add(container); linkColors.Add("rgba(59,130,246,0.35)"); linkLabels.Add($"{hostSide} → {row.Names}");
                source.Add(container); target.Add(portNode); linkColors.Add("rgba(45,164,78,0.35)"); linkLabels.Add($"{row.Names} → {containerSide}");
                table.Add([hostSide, row.Names, containerSide]);
            }
        }

        // Fixed columns: a container whose ports are all unpublished would otherwise be drawn in the host column.
        var x = columns.Select(c => c switch { 0 => 0.01, 1 => 0.5, _ => 0.99 }).ToList();
        var y = columns.Select((c, i) =>
        {
            var inColumn = Enumerable.Range(0, columns.Count).Where(j => columns[j] == c).ToList();
            return (inColumn.IndexOf(i) + 0.5) / inColumn.Count;
        }).ToList();
        var trace = new JsonObject
        {
            ["type"] = "sankey",
            ["arrangement"] = "snap",
            ["node"] = new JsonObject
            {
                ["label"] = JsonList(labels.Select(PlotText)),
                ["color"] = JsonList(colors),
                ["x"] = JsonList(x),
                ["y"] = JsonList(y),
                ["pad"] = 18,
                ["thickness"] = 16,
            },
            ["link"] = new JsonObject
            {
                ["source"] = JsonList(source),
                ["target"] = JsonList(target),
                ["value"] = JsonList(source.Select(_ => 1)),
                ["color"] = JsonList(linkColors),
                ["label"] = JsonList(linkLabels.Select(PlotText)),
            },
        };
        var layout = new JsonObject
        {
            ["title"] = Title("Published ports: host → container → container port"),
            ["height"] = Math.Max(260, 60 + 40 * Math.Max(1, columns.GroupBy(c => c).Select(g => g.Count()).DefaultIfEmpty(1).Max())),
            ["margin"] = new JsonObject { ["t"] = 50, ["l"] = 20, ["r"] = 20, ["b"] = 20 },
            ["font"] = new JsonObject { ["size"] = 12 },
        };
        if (labels.Count == 0)
            layout["annotations"] = new JsonArray(new JsonObject { ["text"] = "No container publishes or exposes a port.", ["showarrow"] = false, ["x"] = 0.5, ["y"] = 0.5, ["xref"] = "paper", ["yref"] = "paper" });
        return new PlotlyFigure(new JsonArray(trace), layout, new FigureTable(["host", "container", "container port"], table));
    }
}
