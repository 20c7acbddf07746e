using Courseware.Lab;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive.Tests;

public class FormatterTests
{
    public FormatterTests() => LabFormatters.Register();

    private static string Html(object value) => value.ToDisplayString("text/html");
    private static string Text(object value) => value.ToDisplayString("text/plain");

    /// <summary>Our markup never carries a script of its own (only PlotlyFigure does), so any script tag came from data.</summary>
    private static void AssertNoScript(string html) => Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

    private static string WithoutStyle(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<style>.*?</style>", "", System.Text.RegularExpressions.RegexOptions.Singleline);

    private static void AssertCard(string html)
    {
        Assert.StartsWith("<div class=\"cw", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotContain("http://", html.Replace("http://127.0.0.1:8080", ""));
        Assert.DoesNotContain("https://", html);
        AssertNoScript(html);
    }

    [Fact]
    public void Register_is_idempotent_and_prefers_html_plus_text()
    {
        LabFormatters.Register();
        LabFormatters.Register();
        Assert.Single(Formatter.RegisteredFormatters(false), f => f.Type == typeof(EngineInfo) && f.MimeType == "text/html");
        foreach (var type in new[] { typeof(EngineInfo), typeof(Container), typeof(List<PsRow>), typeof(PsRow[]), typeof(ContainerDetails), typeof(HttpResult),
                     typeof(BuildResult), typeof(PingResult), typeof(NetworkDetails), typeof(List<NetworkDetails>), typeof(ResolveResult), typeof(ExecResult), typeof(HostListener),
                     typeof(CleanupReport), typeof(LabException), typeof(PortAlreadyAllocatedException) })
            Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(type).Order());
        Assert.Equal([MimeTypes.Plotly, "text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(PlotlyFigure)).Order());
        Assert.Equal([MimeTypes.Check, "text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(CheckResult)).Order());
        Assert.Equal([MimeTypes.Prediction, "text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(PredictionResult)).Order());
    }

    [Fact]
    public void A_check_result_is_a_green_tick_with_the_facts_or_a_red_cross_with_the_hint_and_carries_its_json()
    {
        var passed = new CheckResult("Loopback <only>", true, "a; b", ["published on 127.0.0.1", "host port 8085"]);
        var failed = new CheckResult("Loopback", false, "It listens on 0.0.0.0: write -p 127.0.0.1:8085:80.", ["container runs"]);

        AssertCard(Html(passed));
        Assert.Contains("✓ Loopback &lt;only&gt;", Html(passed));
        Assert.Contains("published on 127.0.0.1<br>host port 8085", Html(passed));
        Assert.Contains("cw-box-bad", Html(failed));
        Assert.Contains("Hint</span>It listens on 0.0.0.0", Html(failed));
        Assert.Equal("✗ Loopback\nHint: It listens on 0.0.0.0: write -p 127.0.0.1:8085:80.\nAlready right: container runs", Text(failed));
        var json = System.Text.Json.Nodes.JsonNode.Parse(failed.ToDisplayString(MimeTypes.Check))!;
        Assert.False((bool)json["passed"]!);
        Assert.Equal("Loopback", (string?)json["title"]);
    }

    [Fact]
    public void A_prediction_says_right_or_not_and_docker_port_prints_its_lines()
    {
        var right = Predict.Reveal("Which port?", "other", "other", "Docker chose 32768.");
        var wrong = Predict.Reveal("Which port?", "80", "other", "Docker chose 32768.");
        Assert.Contains("cw-box-ok", Html(right));
        Assert.Contains("cw-box-warn", Html(wrong));
        Assert.Contains("You predicted 80; the engine did otherwise: other.", Html(wrong));
        Assert.Equal("Prediction: Which port?\nYou predicted other, and that is what happened.\nDocker chose 32768.", Text(right));
        Assert.Equal("80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n53/udp -> 127.0.0.1:5353",
            Text(new List<PortBindingInfo> { new(80, "tcp", "0.0.0.0", 32768, AlsoIpv6: true), new(53, "udp", "127.0.0.1", 5353) }));
    }

    [Fact]
    public void Register_again_after_a_formatter_reset()
    {
        Formatter.ResetToDefault();
        LabFormatters.Register();
        Assert.Contains("cw-card", Html(Samples.Engine()));
    }

    [Fact]
    public void EngineInfo_card_says_what_the_engine_means_for_ping()
    {
        var linux = Html(Samples.Engine());
        AssertCard(linux);
        Assert.Contains("Docker 28.5.1", linux);
        Assert.Contains("1.51", linux);
        Assert.Contains("Debian GNU/Linux 12", linux);
        Assert.Contains("Linux engine", linux);
        Assert.Contains("routable from this host", linux);

        var desktop = Html(Samples.Engine(desktop: true));
        Assert.Contains("Docker Desktop", desktop);
        Assert.Contains("cannot reach container IPs", desktop);
        Assert.Equal(Samples.Engine().ToString(), Text(Samples.Engine()));

        var rootless = Html(Samples.Engine() with { IsRootless = true });
        Assert.Contains("rootless Linux engine", rootless);
        Assert.Contains("rootlesskit", rootless);
        Assert.Contains("cannot reach container IPs", rootless);
        Assert.DoesNotContain("routable from this host", rootless);
    }

    [Fact]
    public void Container_card_shows_command_line_and_ports_with_arrows()
    {
        var html = Html(Samples.Container());
        AssertCard(html);
        Assert.Contains("web", html);
        Assert.Contains("3f2a9c1b7d4e", html);
        Assert.DoesNotContain("3f2a9c1b7d4e5", html);
        Assert.Contains("exercise4", html);
        Assert.Contains("docker run -dit --name web -p 8080:80 exercise4", html);
        Assert.Contains("0.0.0.0:8080<span class=\"cw-arrow\">→</span>80/tcp", html);
        Assert.Contains("[::]:8080", html);
    }

    [Fact]
    public void Ps_rows_render_as_docker_ps_table_for_any_list_type()
    {
        IReadOnlyList<PsRow> list = [Samples.Ps(), Samples.PsClient()];
        foreach (var value in new object[] { list, list.ToArray(), list.ToList(), list.AsEnumerable().Where(_ => true) })
        {
            var html = Html(value);
            AssertCard(html);
            foreach (var header in new[] { "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES" })
                Assert.Contains($"<th>{header}</th>", html);
            Assert.Contains("5 seconds ago", html);
            Assert.Contains("3 minutes ago", html);
            Assert.Contains("0.0.0.0:8080-&gt;80/tcp, :::8080-&gt;80/tcp", html);
            Assert.Contains("&quot;/docker-entrypoint.…&quot;", html);
            Assert.Contains("<b>client</b>", html);
        }
        var text = Text(list);
        Assert.StartsWith("CONTAINER ID", text);
        Assert.Contains("5 seconds ago", text);
        Assert.Contains("0.0.0.0:8080->80/tcp", text);
        Assert.Contains("No containers.", Html(new List<PsRow>()));
    }

    [Fact]
    public void ContainerDetails_card_has_networks_ports_and_the_raw_json_verbatim_and_escaped()
    {
        var html = Html(Samples.Details());
        AssertCard(html);
        Assert.Contains("<code>172.18.0.2/16</code>", html);
        Assert.Contains("172.18.0.1", html);
        Assert.Contains("02:42:ac:12:00:02", html);
        Assert.Contains("web, www", html);
        Assert.Contains("→", html);
        Assert.Contains("<details><summary>Raw JSON (docker inspect)</summary>", html);
        Assert.Contains("[\n    {\n        &quot;Id&quot;: &quot;3f2a9c1b7d4e&quot;", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void HttpResult_card_has_status_headers_and_sandboxed_escaped_preview()
    {
        var html = Html(Samples.Http());
        AssertCard(html);
        Assert.Contains("cw-ok\">HTTP 200 OK", html);
        Assert.Contains("nginx/1.27.0", html);
        Assert.DoesNotContain("X-Other", html);
        Assert.Contains("Exercise 4", html);
        Assert.Matches("<iframe class=\"cw-frame\" sandbox=\"\" [^>]*srcdoc=\"[^\"<>]*\"></iframe>", html);
        Assert.Contains("&lt;h1&gt;Hello &quot;docker&quot; &amp; co&lt;/h1&gt;", html);
        Assert.Contains("Content-Security-Policy", html);

        var evil = Html(Samples.Http("<html><body><script>alert(1)</script><img src=x onerror=alert(2)></body></html>"));
        AssertNoScript(evil);
        Assert.DoesNotContain("<img", evil);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", evil);

        var notFound = Html(Samples.Http("not here", 404));
        Assert.Contains("cw-warn\">HTTP 404 Not Found", notFound);
        Assert.DoesNotContain("<iframe", Html(Samples.Http("{\"a\":1}") with { Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } }));

        // An IPv6 literal is not a valid CSP source: the policy then names no origin rather than an invalid one.
        var v6 = HttpResultCard.SrcDoc(Samples.Http() with { Url = "http://[::1]:32780/" });
        Assert.Contains("img-src data:;", v6);
        Assert.DoesNotContain("[::1]:32780;", v6);
        Assert.Contains("img-src data: http://localhost:8080;", HttpResultCard.SrcDoc(Samples.Http() with { Url = "http://localhost:8080/" }));
    }

    [Fact]
    public void BuildResult_card_has_tag_id_duration_and_collapsed_log()
    {
        var html = Html(Samples.Build());
        AssertCard(html);
        Assert.Contains("Built exercise4", html);
        Assert.Contains("4d5e6f708192", html);
        Assert.Contains("2.3 s", html);
        Assert.Contains("Build log (5 lines)", html);
        Assert.Contains("Step 2/2 : COPY index.html /www/", html);
    }

    [Fact]
    public void PingResult_card_has_statistics_path_and_replies()
    {
        var html = Html(Samples.PingFromClient());
        AssertCard(html);
        Assert.Contains("4 sent, 3 received, 25% loss", html);
        Assert.Contains("0.087 / 0.093 / 0.102 ms", html);
        Assert.Contains("<b>Container</b>: Sent from container &#39;client&#39; on labnet.", html);
        Assert.Contains("docker exec client ping -c 4 -i 0.2 -W 1 web", html);
        Assert.Contains("lost", html);
        Assert.Contains("0.091 ms", html);

        var host = Html(Samples.PingFromHost());
        Assert.Contains("0% loss", host);
        Assert.Contains("0.048 / 0.054 / 0.061 ms", host);
        Assert.Contains("<b>Host</b>", host);
        Assert.Contains("ping -c 4 -i 0.2 -W 1 172.18.0.2", host);
        Assert.Contains("path: Host", Text(Samples.PingFromHost()));
    }

    [Fact]
    public void Network_card_and_network_list()
    {
        var html = Html(Samples.LabNet());
        AssertCard(html);
        Assert.Contains("labnet", html);
        Assert.Contains("172.18.0.0/16", html);
        Assert.Contains("172.18.0.1", html);
        Assert.Contains("172.18.0.3/16", html);
        Assert.Contains("find each other by name", html);
        Assert.Contains("no embedded DNS", Html(Samples.DefaultBridge()));

        var list = Html(new List<NetworkDetails> { Samples.DefaultBridge(), Samples.LabNet() });
        AssertCard(list);
        Assert.Contains("<th>NETWORK ID</th>", list);
        Assert.Contains("<b>bridge</b>", list);
        Assert.Contains("<b>labnet</b>", list);
        Assert.Contains("labnet", Text(new[] { Samples.LabNet() }));
    }

    [Fact]
    public void ResolveResult_is_green_when_resolved_and_amber_not_red_when_not()
    {
        var yes = Html(Samples.Resolved());
        AssertCard(yes);
        Assert.Contains("cw-box-ok", yes);
        Assert.Contains("<code>172.18.0.2</code>", yes);
        Assert.Contains("docker exec client nslookup web", yes);

        var no = Html(Samples.NotResolved());
        AssertCard(no);
        Assert.Contains("cw-box-warn", no);
        Assert.Contains("does not resolve", no);
        Assert.Contains("expected outcome", no);
        Assert.DoesNotContain("cw-bad", WithoutStyle(no));
    }

    [Fact]
    public void ExecResult_card_shows_command_output_and_exit_code()
    {
        var ok = Html(Samples.Exec());
        AssertCard(ok);
        Assert.Contains("docker exec web ip -4 addr", ok);
        Assert.Contains("<pre class=\"cw-pre\">1: lo: &lt;LOOPBACK,UP&gt;", ok);
        Assert.Contains("exit code 0", ok);

        var failed = Html(Samples.Exec(1));
        Assert.Contains("cw-bad\">exit code 1", failed);
        Assert.Contains("cw-stderr\">ip: can&#39;t find device &#39;eth9&#39;", failed);
    }

    [Fact]
    public void CleanupReport_card_lists_what_was_removed()
    {
        var html = Html(Samples.Cleanup());
        AssertCard(html);
        Assert.Contains("Removed 2 container(s), 1 network(s), 1 image(s).", html);
        Assert.Contains("docker rm -f", html);
        Assert.Contains("<b>labnet</b>", html);
        Assert.Contains("Nothing to remove", Html(new CleanupReport([], [], [])));
    }

    [Fact]
    public void LabException_renders_as_red_box_without_stack_trace()
    {
        LabException error;
        try
        {
            throw new PortAlreadyAllocatedException(8080, 8081, "Bind for 0.0.0.0:8080 failed: port is already allocated <b>");
        }
        catch (LabException e)
        {
            error = e;
        }
        Assert.NotNull(error.StackTrace);

        var html = Html(error);
        AssertCard(html);
        Assert.Contains("cw-box-bad", html);
        Assert.Contains("Port already allocated", html);
        Assert.Contains("Host port 8080 is already allocated", html);
        Assert.Contains("-p 8081:&lt;container port&gt;", html);
        Assert.Contains("<pre class=\"cw-pre\">Bind for 0.0.0.0:8080 failed: port is already allocated &lt;b&gt;</pre>", html);
        Assert.DoesNotContain("FormatterTests", html);
        Assert.DoesNotContain("   at ", Text(error));
        Assert.DoesNotContain("   at ", html);

        var generic = LabException_base_type_renders_too();
        Assert.Contains("Docker lab error", generic);
    }

    private static string LabException_base_type_renders_too() =>
        Html(new LabException("Something <odd> happened.", "Try again."));

    [Fact]
    public void Names_with_markup_are_escaped_everywhere()
    {
        var values = new object[]
        {
            Samples.Container(Samples.Evil),
            new List<PsRow> { Samples.Ps(Samples.Evil) },
            Samples.Details(Samples.Evil),
            new ResolveResult(Samples.Evil, Samples.Evil, [], Samples.Evil),
            new ExecResult(Samples.Evil, ["echo", Samples.Evil], 0, Samples.Evil, Samples.Evil),
            new CleanupReport([Samples.Evil], [], []),
            new LabException(Samples.Evil, Samples.Evil, Samples.Evil),
            Samples.PingFromHost() with { Target = Samples.Evil, Why = Samples.Evil },
        };
        foreach (var value in values)
        {
            var html = Html(value);
            AssertNoScript(html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
    }

    [Theory]
    [InlineData(0.2, "Less than a second ago")]
    [InlineData(1, "1 second ago")]
    [InlineData(5, "5 seconds ago")]
    [InlineData(90, "About a minute ago")]
    [InlineData(600, "10 minutes ago")]
    [InlineData(3600, "About an hour ago")]
    [InlineData(5 * 3600, "5 hours ago")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(20 * 86400, "2 weeks ago")]
    [InlineData(90 * 86400, "3 months ago")]
    [InlineData(800 * 86400, "2 years ago")]
    public void Created_column_reads_like_docker_ps(double secondsAgo, string expected)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(expected, RelativeTime.Ago(now.AddSeconds(-secondsAgo), now));
    }
}
