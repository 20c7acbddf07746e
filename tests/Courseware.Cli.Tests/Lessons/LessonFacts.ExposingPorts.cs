using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 01 serves the page on the host port, finds the IP and pings it (from the host only where the engine's
    /// bridge is on it), lets Docker choose ports, leaves the failed clash in Created, and shows the 127.0.0.1 app's
    /// broken connection and where it listens.
    /// </summary>
    public static async Task Lesson01Async(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();

        Assert.Contains("Linux engine", Text(lesson, "connect"));
        Assert.Contains(engine.Kind, Text(lesson, "connect"));
        Assert.Matches(@"Built exercise4 \([0-9a-f]{12}\)", Text(lesson, "build-exercise4"));
        Assert.Contains("0.0.0.0:8080 → 80/tcp", Text(lesson, "run-exercise4"));
        var page = Text(lesson, "curl-exercise4");
        Assert.Contains("GET http://localhost:8080/ → 200 OK", page);
        Assert.Contains("Hello from exercise4", page);
        Assert.Contains("0.0.0.0:8080->80/tcp", Text(lesson, "ps"));
        var ip = Regex.Match(Text(lesson, "inspect-exercise4"), @"bridge (\d+\.\d+\.\d+\.\d+)").Groups[1].Value;
        Assert.NotEmpty(ip);

        // Only a rootful Linux engine's container IPs are on the host; elsewhere the ping comes from a container, and the reveal says so.
        var ping = Text(lesson, "ping-exercise4");
        Assert.Contains(engine.HostCanReachContainerIps
            ? $"PING exercise4 ({ip}) from this host: 5 transmitted, 5 received, 0% packet loss"
            : $"PING exercise4 ({ip}) from courseware-pinger-bridge: 5 transmitted, 5 received, 0% packet loss", ping);
        Assert.Contains(engine.HostCanReachContainerIps ? "The engine's answer: yes." : "The engine's answer: no.", ping);
        Assert.Contains(engine.HostCanReachContainerIps ? "docker0 is an interface of your machine" : "pinged from a helper container", ping);

        Assert.Contains("GET http://localhost:8081/ → 200 OK", Text(lesson, "run-my-mapping"));
        Assert.Contains("same page: True", Text(lesson, "run-two-doors"));
        // -p 80 and -P: Docker chose the ports (the reveal names the one docker port shows).
        Assert.Matches(@"0\.0\.0\.0:\d{5} → 80/tcp", Text(lesson, "run-random-port"));
        Assert.Contains("The engine's answer: other.", Text(lesson, "reveal-random-port"));

        // The engine refuses the second listener, and the container whose start failed stays in Created, holding its name.
        Assert.Contains("Port already allocated: Host port 8080 is already allocated", Text(lesson, "run-clash"));
        var clash = Text(lesson, "reveal-clash");
        Assert.Contains("clash", clash);
        Assert.Contains("Created", clash);
        Assert.Contains("The engine's answer: refused.", clash);

        // An app on 127.0.0.1 inside its container: the published port accepts, then the connection breaks.
        var loopback = Text(lesson, "reveal-loopback-app");
        Assert.Contains("Nothing answered at http://localhost:8088/", loopback);
        Assert.DoesNotContain("200 OK", loopback);
        Assert.Contains("The engine's answer: broken.", loopback);
        Assert.Matches(@"tcp\s+0\s+0\s+127\.0\.0\.1:80\s+0\.0\.0\.0:\*\s+LISTEN", Text(lesson, "diagnose-loopback-app"));

        Assert.Equal("sankey", (string?)Figure(lesson, "yourturn-2-setup")["data"]![0]!["type"]);
        Assert.Matches(@"Removed \d+ container\(s\), 0 network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }
}
