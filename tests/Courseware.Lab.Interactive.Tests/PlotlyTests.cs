using System.Text.Json.Nodes;
using Courseware.Lab;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive.Tests;

public class PlotlyTests
{
    public PlotlyTests() => LabFormatters.Register();

    /// <summary>The plotly mime output must be the standard bundle: an object with a data array and a layout object.</summary>
    private static (JsonArray Data, JsonObject Layout) Bundle(PlotlyFigure figure)
    {
        var json = figure.ToDisplayString(MimeTypes.Plotly);
        var root = Assert.IsType<JsonObject>(JsonNode.Parse(json));
        Assert.Equal(["data", "layout"], root.Select(p => p.Key).Order());
        return (Assert.IsType<JsonArray>(root["data"]), Assert.IsType<JsonObject>(root["layout"]));
    }

    private static string Html(PlotlyFigure figure) => figure.ToDisplayString("text/html");

    [Fact]
    public void PingRtt_is_a_box_per_path_with_sub_millisecond_values()
    {
        var figure = Charts.PingRtt(Samples.PingFromHost(), Samples.PingFromClient());
        var (data, layout) = Bundle(figure);
        Assert.Equal(["box", "box"], data.Select(t => t!["type"]!.GetValue<string>()));
        Assert.Equal(["host → web", "client → web"], data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([0.0612, 0.0481, 0.0523, 0.0555], data[0]!["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(3, data[1]!["y"]!.AsArray().Count);
        Assert.Equal("RTT (ms)", layout["yaxis"]!["title"]!["text"]!.GetValue<string>());

        var html = Html(figure);
        Assert.Contains("window.Plotly", html);
        Assert.Contains("<td>client → web</td>", html);
        Assert.Contains("<td>0.048</td>", html);
        Assert.Contains("<td>25%</td>", html);
        Assert.Equal("Plotly figure \"Ping round-trip time\": box ×2", figure.ToDisplayString("text/plain"));
    }

    [Fact]
    public void DnsAnswers_counts_per_address_how_often_it_came_first_and_later()
    {
        ResolveResult Lookup(params string[] order) => new("client", "api", order, "");
        var figure = Charts.DnsAnswers([Lookup("172.18.0.3", "172.18.0.4"), Lookup("172.18.0.4", "172.18.0.3"), Lookup("172.18.0.4", "172.18.0.3"), Lookup()]);
        var (data, layout) = Bundle(figure);
        Assert.Equal(["bar", "bar"], data.Select(t => t!["type"]!.GetValue<string>()));
        Assert.Equal(["172.18.0.3", "172.18.0.4"], data[0]!["x"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([1, 2], data[0]!["y"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal([2, 1], data[1]!["y"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal("stack", layout["barmode"]!.GetValue<string>());
        Assert.Equal("Plotly figure \"4 lookups of api: which address came first\": bar ×2", figure.ToDisplayString("text/plain"));
        Assert.Contains("<td>172.18.0.4</td><td>2</td><td>1</td>", Html(figure));
    }

    [Fact]
    public void NatSequence_draws_each_packet_between_its_lifelines_in_time_order()
    {
        var (onCable, onBridge) = Samples.NatCaptures();
        var figure = Charts.NatSequence(onCable, onBridge);
        var (data, layout) = Bundle(figure);

        Assert.Equal(["client 10.250.4.2:40280", "host 10.250.4.1:8110", "container 172.17.0.2:80"], layout["xaxis"]!["ticktext"]!.AsArray().Select(v => v!.GetValue<string>()));
        // Time order across both captures: cable SYN, bridge SYN (after the DNAT), bridge SYN-ACK, cable SYN-ACK (after conntrack's rewrite).
        var arrows = layout["annotations"]!.AsArray().Select(a => (From: a!["ax"]!.GetValue<int>(), To: a["x"]!.GetValue<int>())).ToList();
        Assert.Equal([(0, 1), (1, 2), (2, 1), (1, 0)], arrows);
        var labels = data[^1]!["text"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Equal(["10.250.4.2:40280 → 10.250.4.1:8110 Flags [S]", "10.250.4.2:40280 → 172.17.0.2:80 Flags [S]",
            "172.17.0.2:80 → 10.250.4.2:40280 Flags [S.]", "10.250.4.1:8110 → 10.250.4.2:40280 Flags [S.]"], labels);
        Assert.Contains("<td>19:53:12.111921</td><td>bridge</td><td>10.250.4.2:40280</td><td>172.17.0.2:80</td>", Html(figure));
    }

    [Fact]
    public void VethPair_draws_both_ends_and_the_bridge()
    {
        var figure = Charts.VethPair("tuh-web", "eth0 (eth0@if20596)", "vethfc420db (interface 20596)", "docker0");
        var (data, layout) = Bundle(figure);

        Assert.Equal(2, layout["shapes"]!.AsArray().Count);
        Assert.Equal(["tuh-web&#39;s network namespace", "eth0 (eth0@if20596)", "veth pair: one virtual cable", "the host", "vethfc420db (interface 20596)", "plugged into docker0"],
            layout["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal("lines+markers", data[0]!["mode"]!.GetValue<string>());
        Assert.Contains("<td>vethfc420db (interface 20596)</td><td>the host</td><td>docker0</td>", Html(figure));
    }

    [Fact]
    public void NatSequence_without_captures_says_why()
    {
        var (_, layout) = Bundle(Charts.NatSequence(null, null, "this is a rootless engine"));

        Assert.Equal("No capture on this engine: this is a rootless engine", layout["annotations"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void PortMappings_is_a_sankey_from_host_port_through_container_to_container_port()
    {
        var figure = Charts.PortMappings([Samples.Ps(), Samples.PsClient()]);
        var (data, _) = Bundle(figure);
        var trace = Assert.IsType<JsonObject>(Assert.Single(data));
        Assert.Equal("sankey", trace["type"]!.GetValue<string>());
        var labels = trace["node"]!["label"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(["web", "web:80/tcp", "0.0.0.0:8080 (+ [::]:8080)", "web:443/tcp"], labels);
        var source = trace["link"]!["source"]!.AsArray().Select(v => v!.GetValue<int>()).ToList();
        var target = trace["link"]!["target"]!.AsArray().Select(v => v!.GetValue<int>()).ToList();
        Assert.Contains((2, 0), source.Zip(target));
        Assert.Contains((0, 1), source.Zip(target));
        Assert.Contains((0, 3), source.Zip(target));
        Assert.Equal(0.01, trace["node"]!["x"]![2]!.GetValue<double>());

        var html = Html(figure);
        Assert.Contains("<td>0.0.0.0:8080</td><td>web</td><td>80/tcp</td>", html);
        Assert.Contains("<td>(not published)</td><td>web</td><td>443/tcp</td>", html);
    }

    [Fact]
    public void PortMappings_of_nothing_says_so()
    {
        var (data, layout) = Bundle(Charts.PortMappings([]));
        Assert.Equal("sankey", data[0]!["type"]!.GetValue<string>());
        Assert.Contains("No container", layout["annotations"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Topology_draws_host_networks_and_containers_with_ips_and_ports()
    {
        var figure = Charts.Topology([Samples.LabNet(), Samples.DefaultBridge()], [Samples.Details(), Samples.ClientDetails()]);
        var (data, layout) = Bundle(figure);
        Assert.All(data, t => Assert.Equal("scatter", t!["type"]!.GetValue<string>()));
        var json = figure.ToJson();
        foreach (var expected in new[] { "this host", "<b>labnet</b> (bridge)", "172.18.0.0/16", "<b>web</b>", "0.0.0.0:8080 → 80/tcp", "<b>client</b>", "<b>db</b>", "172.18.0.2/16", "172.17.0.2/16", "gw 172.18.0.1", "gw 172.17.0.1" })
            Assert.Contains(expected, json);
        Assert.False(layout["xaxis"]!["visible"]!.GetValue<bool>());

        var containers = data.Single(t => t!["name"]?.GetValue<string>() == "containers")!;
        Assert.Equal(3, containers["x"]!.AsArray().Count);

        var html = Html(figure);
        Assert.Contains("<td>labnet</td><td>bridge</td><td>172.18.0.0/16</td><td>172.18.0.1</td><td>web</td><td>172.18.0.2/16</td><td>0.0.0.0:8080 → 80/tcp</td>", html);
        Assert.Contains("<td>bridge</td><td>bridge</td><td>172.17.0.0/16</td><td>172.17.0.1</td><td>client</td><td>172.17.0.2/16</td>", html);
    }

    [Fact]
    public void Figure_html_fallback_cannot_be_broken_out_of_by_data()
    {
        var evil = Samples.Ps("</script><script>alert(1)</script>") with { Ports = [Samples.Web8080] };
        var figure = Charts.PortMappings([evil]);
        var html = Html(figure);
        Assert.Equal(1, CountOf(html, "<script"));
        Assert.Equal(1, CountOf(html, "</script>"));
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", html);
        // In the Plotly JSON, names go through Plotly's HTML-ish label parser, so they are entity-escaped as well.
        Assert.DoesNotContain("<script>", figure.ToJson());
    }

    [Fact]
    public void Custom_figures_get_a_table_from_their_traces()
    {
        var figure = new PlotlyFigure(
            new JsonArray(new JsonObject { ["type"] = "bar", ["name"] = "requests", ["x"] = new JsonArray("a", "b"), ["y"] = new JsonArray(3, 5) }),
            new JsonObject { ["title"] = "Custom" });
        var (data, layout) = Bundle(figure);
        Assert.Equal("bar", data[0]!["type"]!.GetValue<string>());
        Assert.Equal("Custom", layout["title"]!.GetValue<string>());
        var html = Html(figure);
        Assert.Contains("<th>x</th><th>y</th>", html);
        Assert.Contains("<td>requests</td><td>b</td><td>5</td>", html);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.OrdinalIgnoreCase).Length) / part.Length;
}
