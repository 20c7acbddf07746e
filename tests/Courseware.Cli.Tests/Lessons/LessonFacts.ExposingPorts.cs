using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>Lesson 01 serves the page on the host port, finds the IP, pings it without loss, and shows the port experiments.</summary>
    public static async Task Lesson01Async(ExecutedNotebook lesson)
    {
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
    }
}
