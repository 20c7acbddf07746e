using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>
    /// Lesson 05's picture: this host on top, networks in the middle (subnet, gateway), containers at the bottom
    /// (published ports), a line for every attachment labelled with the container's IP on that network.
    /// Containers a network lists but that are not in <paramref name="containers"/> are drawn too, from the network's view.
    /// </summary>
    public static PlotlyFigure Topology(IEnumerable<NetworkDetails> networks, IEnumerable<ContainerDetails> containers)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(containers);
        var nets = networks.DistinctBy(n => n.Name).Select(n => new TopoNetwork(n.Name, n.Driver, n.Subnets, n.Gateways, n.Internal)).ToList();
        var boxes = containers.DistinctBy(c => c.Name).Select(c => new TopoContainer(c.Name, c.Ports.Where(p => p.IsPublished).ToList(),
            c.Networks.Select(a => (a.Network, Ip: a.Cidr.Length > 0 ? a.Cidr : a.IpAddress, a.Gateway)).ToList())).ToList();

        foreach (var network in networks)
        foreach (var member in network.Containers)
        {
            var known = boxes.FirstOrDefault(b => b.Name == member.Name);
            if (known is null) boxes.Add(known = new TopoContainer(member.Name, [], []));
            if (known.Links.All(l => l.Network != network.Name)) known.Links.Add((network.Name, member.IPv4Address, (network.Gateways.Count > 0 ? network.Gateways[0] : "")));
        }
        foreach (var link in boxes.SelectMany(b => b.Links).Where(l => nets.All(n => n.Name != l.Network)).ToList())
            if (nets.All(n => n.Name != link.Network))
                nets.Add(new TopoNetwork(link.Network, "", [], link.Gateway.Length > 0 ? [link.Gateway] : [], false));

        // Rows: host y=2, networks y=1, containers y=0; containers sorted under the networks they attach to.
        var netX = nets.Select((n, i) => (n.Name, X: (i + 0.5) / nets.Count)).ToDictionary(p => p.Name, p => p.X);
        var ordered = boxes
            .OrderBy(b => b.Links.Count == 0 ? 2.0 : b.Links.Average(l => netX[l.Network]))
            .ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var boxX = ordered.Select((b, i) => (b.Name, X: (i + 0.5) / ordered.Count)).ToDictionary(p => p.Name, p => p.X);
        const double hostX = 0.5, hostY = 2, netY = 1, boxY = 0;

        var data = new JsonArray();
        var hostEdges = nets.Where(n => n.Driver is "bridge" or "host").ToList();
        data.Add(Edges(hostEdges.Select(n => (hostX, hostY, netX[n.Name], netY)), "dot", Grey));
        data.Add(Edges(ordered.SelectMany(b => b.Links.Select(l => (netX[l.Network], netY, boxX[b.Name], boxY))), "solid", Green));
        var edgeLabels = EdgeLabels(hostEdges.Select(n => (
            X: (hostX + netX[n.Name]) / 2, Y: (hostY + netY) / 2,
            Text: n.Driver == "host" ? "host's own stack" : n.Internal ? "internal" : n.Gateways.Count > 0 ? "gw " + n.Gateways[0] : ""))
            .Concat(ordered.SelectMany(b => b.Links.Select(l => (
                X: netX[l.Network] + (boxX[b.Name] - netX[l.Network]) * 0.6, Y: netY + (boxY - netY) * 0.6, Text: l.Ip)))));
        data.Add(Nodes("host", [hostX], [hostY], ["<b>this host</b>"], "diamond", Blue, "top center"));
        data.Add(Nodes("networks", nets.Select(n => netX[n.Name]), nets.Select(_ => netY),
            nets.Select(n => $"<b>{PlotText(n.Name)}</b>" + (n.Driver.Length == 0 ? "" : $" ({PlotText(n.Driver)})") +
                             string.Concat(n.Subnets.Select(s => "<br>" + PlotText(s)))),
            "square", Orange, "middle right"));
        data.Add(Nodes("containers", ordered.Select(b => boxX[b.Name]), ordered.Select(_ => boxY),
            ordered.Select(b => $"<b>{PlotText(b.Name)}</b>" +
                                string.Concat(b.Ports.Select(p => "<br>" + PlotText($"{ContainerCard.HostSide(p)} → {p.ContainerPort}/{p.Protocol}"))) +
                                (b.Links.Count == 0 ? "<br>(no network)" : "")),
            "circle", Green, "bottom center"));

        var layout = new JsonObject
        {
            ["title"] = Title("Network topology"),
            ["showlegend"] = false,
            ["hovermode"] = "closest",
            ["height"] = 460,
            ["margin"] = new JsonObject { ["t"] = 50, ["l"] = 20, ["r"] = 20, ["b"] = 20 },
            ["xaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList([-0.1, 1.15]) },
            ["yaxis"] = new JsonObject { ["visible"] = false, ["range"] = JsonList([-0.8, 2.5]) },
            ["annotations"] = edgeLabels,
        };
        var rows = nets.SelectMany(n =>
        {
            var attached = ordered.SelectMany(b => b.Links.Where(l => l.Network == n.Name).Select(l => (Box: b, l.Ip))).ToList();
            IReadOnlyList<string> Row(string container, string ip, string ports) =>
                [n.Name, n.Driver, string.Join(", ", n.Subnets), string.Join(", ", n.Gateways), container, ip, ports];
            return attached.Count == 0
                ? [Row("", "", "")]
                : attached.Select(a => Row(a.Box.Name, a.Ip, string.Join(", ", a.Box.Ports.Select(p => $"{ContainerCard.HostSide(p)} → {p.ContainerPort}/{p.Protocol}"))));
        }).Concat(ordered.Where(b => b.Links.Count == 0).Select(b => (IReadOnlyList<string>)["(none)", "", "", "", b.Name, "", ""])).ToList();
        return new PlotlyFigure(data, layout, new FigureTable(["network", "driver", "subnet", "gateway", "container", "ip", "published"], rows));
    }

    private sealed record TopoNetwork(string Name, string Driver, IReadOnlyList<string> Subnets, IReadOnlyList<string> Gateways, bool Internal);

    private sealed record TopoContainer(string Name, IReadOnlyList<PortBindingInfo> Ports, List<(string Network, string Ip, string Gateway)> Links);

    /// <summary>All edges of one kind as a single line trace; null points break the line between segments.</summary>
    private static JsonObject Edges(IEnumerable<(double X1, double Y1, double X2, double Y2)> segments, string dash, string color)
    {
        var x = new List<double?>();
        var y = new List<double?>();
        foreach (var (x1, y1, x2, y2) in segments)
        {
            x.AddRange([x1, x2, null]);
            y.AddRange([y1, y2, null]);
        }
        return new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines",
            ["x"] = JsonList(x),
            ["y"] = JsonList(y),
            ["line"] = new JsonObject { ["color"] = color, ["width"] = 2, ["dash"] = dash },
            ["hoverinfo"] = "skip",
        };
    }

    /// <summary>Annotations rather than a text trace: they get a background, so a label stays readable where lines cross it.</summary>
    private static JsonArray EdgeLabels(IEnumerable<(double X, double Y, string Text)> labels) =>
        new(labels.Where(l => l.Text.Length > 0).Select(l => (JsonNode?)new JsonObject
        {
            ["x"] = l.X,
            ["y"] = l.Y,
            ["text"] = PlotText(l.Text),
            ["showarrow"] = false,
            ["font"] = new JsonObject { ["size"] = 10 },
            ["bgcolor"] = "rgba(255,255,255,0.85)",
        }).ToArray());

    private static JsonObject Nodes(string name, IEnumerable<double> x, IEnumerable<double> y, IEnumerable<string> text, string symbol, string color, string position) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "markers+text",
        ["name"] = name,
        ["x"] = JsonList(x),
        ["y"] = JsonList(y),
        ["text"] = JsonList(text),
        ["textposition"] = position,
        ["marker"] = new JsonObject { ["symbol"] = symbol, ["size"] = 20, ["color"] = color },
        ["hoverinfo"] = "text",
    };
}
