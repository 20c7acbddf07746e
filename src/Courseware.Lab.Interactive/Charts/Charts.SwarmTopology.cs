using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>
    /// Lesson 07's picture: this computer on top, the LAN network, the hosts (nodes) on it with their LAN addresses,
    /// under each host the containers and service tasks it runs, and at the bottom the overlay that joins them all
    /// across hosts, each container labelled with its overlay address. <paramref name="overlayByNode"/> is each node's
    /// own <c>docker network inspect OVERLAY</c>: an engine lists only its local members.
    /// </summary>
    public static PlotlyFigure SwarmTopology(LabCluster cluster, IReadOnlyDictionary<string, NetworkDetails> overlayByNode)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(overlayByNode);
        var overlay = overlayByNode.Values.FirstOrDefault();
        // The swarm's load-balancer endpoint ("labnet-endpoint") is plumbing, not a container of the learner's.
        var members = cluster.Nodes.SelectMany(node =>
                (overlayByNode.GetValueOrDefault(node.Name)?.Containers ?? [])
                .Where(c => !c.Name.EndsWith("-endpoint", StringComparison.Ordinal))
                .Select(c => (Node: node.Name, c.Name, c.IPv4Address)))
            .ToList();

        const double hostY = 3, lanY = 2, nodeY = 1, boxY = 0, overlayY = -1;
        var nodeX = cluster.Nodes.Select((n, i) => (n.Name, X: (i + 0.5) / cluster.Nodes.Count)).ToDictionary(p => p.Name, p => p.X);
        // Containers sit under their node, spread within the node's column.
        var column = 1.0 / Math.Max(1, cluster.Nodes.Count);
        var boxX = members.GroupBy(m => m.Node).SelectMany(g => g.Select((m, i) =>
            (m.Node, m.Name, X: nodeX[m.Node] - column / 2 + (i + 0.5) * column / g.Count()))).ToDictionary(b => (b.Node, b.Name), b => b.X);

        var data = new JsonArray
        {
            Edges([(0.5, hostY, 0.5, lanY)], "dot", Grey),
            Edges(cluster.Nodes.Select(n => (0.5, lanY, nodeX[n.Name], nodeY)), "solid", Blue),
            Edges(members.Select(m => (nodeX[m.Node], nodeY, boxX[(m.Node, m.Name)], boxY)), "solid", Grey),
            Edges(members.Select(m => (boxX[(m.Node, m.Name)], boxY, boxX[(m.Node, m.Name)], overlayY)), "dash", Orange),
            Edges([(0.02, overlayY, 0.98, overlayY)], "solid", Orange),
            Nodes("this computer", [0.5], [hostY], ["<b>this computer</b>"], "diamond", Blue, "top center"),
            Nodes("lan", [0.5], [lanY], [$"<b>{PlotText(cluster.Lan.Name)}</b> (LAN, internal)<br>{PlotText(string.Join(", ", cluster.Lan.Subnets))}"], "square", Blue, "middle right"),
            Nodes("hosts", cluster.Nodes.Select(n => nodeX[n.Name]), cluster.Nodes.Select(_ => nodeY),
                cluster.Nodes.Select(n => $"<b>{PlotText(n.Name)}</b><br>{PlotText(n.LanAddress)}"), "diamond", Blue, "middle right"),
            Nodes("containers", members.Select(m => boxX[(m.Node, m.Name)]), members.Select(_ => boxY),
                members.Select(m => $"<b>{PlotText(m.Name)}</b><br>{PlotText(m.IPv4Address)}"), "circle", Green, "middle right"),
            Nodes("overlay", [0.02], [overlayY],
                [$"<b>{PlotText(overlay?.Name ?? "overlay")}</b> ({PlotText(overlay?.Driver ?? "overlay")}, VXLAN over {PlotText(cluster.Lan.Name)}) {PlotText(string.Join(", ", overlay?.Subnets ?? []))}"],
                "square", Orange, "bottom right"),
        };
        var layout = new JsonObject
        {
            ["title"] = Title("Swarm topology: hosts, overlay, tasks per host"),
            ["showlegend"] = false,
            ["hovermode"] = "closest",
            ["height"] = 520,
            ["margin"] = new JsonObject { ["t"] = 50, ["l"] = 20, ["r"] = 20, ["b"] = 20 },
            ["xaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList([-0.05, 1.15]) },
            ["yaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList([-1.6, 3.5]) },
        };
        var rows = cluster.Nodes.SelectMany(n =>
        {
            var mine = members.Where(m => m.Node == n.Name).ToList();
            return mine.Count == 0
                ? [(IReadOnlyList<string>)[n.Name, n.LanAddress, "", ""]]
                : mine.Select(m => (IReadOnlyList<string>)[n.Name, n.LanAddress, m.Name, m.IPv4Address]);
        }).ToList();
        return new PlotlyFigure(data, layout, new FigureTable(["host", "LAN address", "container", $"address on {overlay?.Name ?? "overlay"}"], rows));
    }
}
