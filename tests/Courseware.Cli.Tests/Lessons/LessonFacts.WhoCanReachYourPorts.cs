using Courseware.Cli.Tests.Support;
using Courseware.Lab;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 03 (who can reach your ports) publishes on every interface and on loopback, shows the neighbour's answers
    /// (or says why there is no neighbour), reveals its three predictions with this engine's answers, and cleans up.
    /// The table's rows per engine are asserted by Lesson03WhoCanReachTests.
    /// </summary>
    public static async Task WhoCanReachYourPortsAsync(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();
        var live = engine.HostCanReachContainerIps;

        Assert.Contains("Linux engine", Text(lesson, "connect"));
        Assert.Matches(@"Built exercise4 \([0-9a-f]{12}\)", Text(lesson, "build-exercise4"));
        Assert.Contains(live ? "a LAN neighbour at 10.250.0.2/30" : "no LAN neighbour on this engine", Text(lesson, "lan-neighbour"));
        Assert.Contains("GET http://localhost:8100/ → 200 OK", Text(lesson, "run-open-door"));
        Assert.Contains("127.0.0.1:8101 → 80/tcp", Text(lesson, "run-local-only"));
        Assert.Contains("GET http://localhost:8101/ → 200 OK", Text(lesson, "run-local-only"));
        Assert.Contains("Your guess: ", Text(lesson, "predict-open-door"));

        // Each reveal states this engine's answer: measured where a neighbour was wired, expected for a rootful engine elsewhere.
        Assert.Contains("The engine's answer: yes.", Text(lesson, "reveal-open-door"));
        Assert.Contains($"The engine's answer: {(engine.Version.Major < 28 ? "yes" : "no")}.", Text(lesson, "reveal-direct-route"));
        Assert.Contains("The engine's answer: yes.", Text(lesson, "reveal-firewall"));
        Assert.Contains("never passes INPUT", Text(lesson, "reveal-firewall"));
        Assert.Contains(live ? "reach-open-door: 10.250.0.1:8100 reachable" : "reach-open-door: 10.250.0.1:8100 blocked (not tried", Text(lesson, "try-open-door"));
        Assert.Contains(live ? "reach-gateway-program: 172.17.0.1:8103 reachable" : "not tried", Text(lesson, "try-host-programs"));
        Assert.Contains("reach-gateway-program", Text(lesson, "run-host-programs"));

        Assert.Equal("sankey", (string?)Figure(lesson, "port-mappings")["data"]![0]!["type"]);
        Assert.Contains("0.0.0.0:8104 → 80/tcp", Text(lesson, "yourturn-1"));
        Assert.Contains("127.0.0.1:8105 → 80/tcp", Text(lesson, "yourturn-1"));
        Assert.Matches(@"Removed \d+ container\(s\), 0 network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }
}
