using Courseware.Cli.Notebooks;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>Lessons use fixed container names and host ports: they never run at the same time.</summary>
[CollectionDefinition("lessons", DisableParallelization = true)]
public sealed class LessonsCollection;

/// <summary>
/// Both lessons, run top to bottom by `courseware run` against the real engine, show what their prose claims:
/// the page is served on the host port, the IP is found, ping has no loss, names resolve on a user-defined network
/// and not on the default bridge, and networks isolate.
/// </summary>
[Collection("lessons")]
public sealed class LessonRunTests
{
    /// <summary>The exported lesson, offline in Chromium: every chart drawn, tables and figures there, no script error.</summary>
    internal static async Task AssertHtmlRendersAsync(ExecutedNotebook lesson, int charts)
    {
        var html = Path.ChangeExtension(lesson.Path, ".html");
        await using var browser = await OfflinePage.OpenAsync(html);
        await browser.Tab.WaitForFunctionAsync($"() => document.querySelectorAll('.plotly-figure .main-svg').length >= {charts}", new PuppeteerSharp.WaitForFunctionOptions { Timeout = 30_000 });
        var drawn = await browser.EvalAsync<int>("document.querySelectorAll('.plotly-figure').length");
        var tables = await browser.EvalAsync<int>("document.querySelectorAll('.output table').length");
        var brokenImages = await browser.EvalAsync<int>("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length");
        await browser.KeepAsync(html, "lesson-" + Path.GetFileNameWithoutExtension(html));

        Assert.Equal(charts, drawn);
        Assert.True(tables >= 3, $"only {tables} tables in the outputs");
        Assert.Equal(0, brokenImages);
        Assert.Empty(browser.Problems);
        Assert.Empty(browser.Blocked);
    }



    [DockerFact]
    public async Task Lesson_01_serves_the_page_on_the_host_port_finds_the_ip_and_pings_it_without_loss()
    {
        var lesson = await LessonRuns.DefaultAsync("exposing-ports");
        var engine = await LiveEngine.GetAsync();

        Assert.Contains("Linux engine", Text(lesson, "connect"));
        Assert.Matches(@"Built exercise4 \([0-9a-f]{12}\)", Text(lesson, "build-exercise4"));
        Assert.Contains("0.0.0.0:8080 → 80/tcp", Text(lesson, "run-exercise4"));
        var page = Text(lesson, "curl-exercise4");
        Assert.Contains("GET http://localhost:8080/ → 200 OK", page);
        Assert.Contains("Hello from exercise4", page);
        Assert.Contains("0.0.0.0:8080->80/tcp", Text(lesson, "ps"));
        var ip = Regex.Match(Text(lesson, "inspect-exercise4"), @"bridge (\d+\.\d+\.\d+\.\d+)").Groups[1].Value;
        Assert.NotEmpty(ip);
        Assert.Contains($"bridge: {ip}/", Text(lesson, "container-ip"));
        var ping = Text(lesson, "ping-exercise4");
        // Only a rootful Linux engine's container IPs are on the host; elsewhere the ping comes from a container, and says why.
        Assert.Contains(engine.HostCanReachContainerIps
            ? $"PING exercise4 ({ip}) from this host: 5 transmitted, 5 received, 0% packet loss"
            : $"PING exercise4 ({ip}) from courseware-pinger-bridge: 5 transmitted, 5 received, 0% packet loss", ping);
        if (!engine.HostCanReachContainerIps) Assert.Contains(engine.IsRootless ? "rootless" : "VM", ping);
        Assert.Contains(engine.Kind, Text(lesson, "connect"));
        var rtt = Figure(lesson, "ping-from-container");
        Assert.Equal(["box", "box"], rtt["data"]!.AsArray().Select(t => (string?)t!["type"]));

        Assert.Contains("GET http://localhost:8081/ → 200 OK", Text(lesson, "run-my-mapping"));
        Assert.Matches(@"-p 80 → Docker chose host port \d+;  -P → host port \d+", Text(lesson, "run-random-port"));
        Assert.Contains("same page: True", Text(lesson, "run-two-doors"));
        Assert.Contains("127.0.0.1:8084 → 80/tcp", Text(lesson, "run-local-only"));
        var clash = Text(lesson, "run-clash");
        Assert.Contains("Port already allocated: Host port 8080 is already allocated", clash);
        Assert.Contains("out of range 1-65535", Text(lesson, "invalid-port"));
        Assert.Equal("sankey", (string?)Figure(lesson, "port-mappings")["data"]![0]!["type"]);
        Assert.Matches(@"Removed \d+ container\(s\), 0 network\(s\), 1 image\(s\)", Text(lesson, "clean"));
        // The figures the prose shows are inlined into the page.
        Assert.Contains("<img src=\"data:image/png;base64,", File.ReadAllText(Path.ChangeExtension(lesson.Path, ".html")));
        await AssertHtmlRendersAsync(lesson, charts: 2);
    }

    [DockerFact]
    public async Task Lesson_01_with_another_host_port_really_serves_the_page_there()
    {
        var lesson = await LessonRuns.RunAsync("exposing-ports", "--param", "hostPort=18090", "--format", "ipynb,html");

        var injected = Assert.Single(lesson.Tagged(NotebookCell.InjectedParametersTag));
        Assert.Contains("hostPort = 18090;", ExecutedNotebook.Source(injected));
        Assert.Contains("0.0.0.0:18090 → 80/tcp", Text(lesson, "run-exercise4"));
        Assert.Contains("GET http://localhost:18090/ → 200 OK", Text(lesson, "curl-exercise4"));
        Assert.Contains("GET http://localhost:18091/ → 200 OK", Text(lesson, "run-my-mapping"));
        Assert.Contains("Host port 18090 is already allocated", Text(lesson, "run-clash"));
    }

    [DockerFact]
    public async Task Lesson_02_resolves_names_only_on_a_user_defined_network_and_networks_isolate()
    {
        var lesson = await LessonRuns.DefaultAsync("container-to-container");

        Assert.Contains("0% packet loss", Text(lesson, "ping-default-bridge"));
        Assert.Contains("web-default does not resolve from client-default", Text(lesson, "resolve-default-bridge"));
        var names = Text(lesson, "resolve-labnet");
        var webIp = Regex.Match(names, @"web → (\d+\.\d+\.\d+\.\d+) \(from client\)").Groups[1].Value;
        Assert.NotEmpty(webIp);
        Assert.Contains($"site → {webIp} (from client)", names);
        var byName = Text(lesson, "wget-by-name");
        Assert.Contains("exit code 0", byName);
        Assert.Contains("title: Hello from exercise4", byName);
        Assert.Contains($"PING web ({webIp}) from client: 3 transmitted, 3 received, 0% packet loss", byName);

        var isolated = Text(lesson, "resolve-across-networks");
        Assert.Contains("web does not resolve from client-default", isolated);
        Assert.Contains($"PING {webIp} ({webIp}) from client-default: no reply", isolated);
        Assert.Contains($"PING web ({webIp}) from client-default: 2 transmitted, 2 received, 0% packet loss", Text(lesson, "network-connect"));
        Assert.Contains("from client-default: no reply", Text(lesson, "network-disconnect"));
        Assert.Contains("from client: no reply", Text(lesson, "isolation-backend"));
        Assert.Contains("docker0", Text(lesson, "network-host"));
        var none = Text(lesson, "network-none");
        Assert.Contains("inet 127.0.0.1/8", none);
        Assert.DoesNotContain("eth0", none);
        var topology = Figure(lesson, "topology");
        Assert.Contains(webIp, topology.ToJsonString());
        // Every network the lesson made is removed (LessonRuns also checks that nothing labelled is left).
        Assert.Matches(@"Removed \d+ container\(s\), \d+ network\(s\), 1 image\(s\)", Text(lesson, "clean"));
        await AssertHtmlRendersAsync(lesson, charts: 2);
    }
}
