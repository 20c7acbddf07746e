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
        Assert.Contains(live ? "reach-neighbour-2: a LAN neighbour at 10.250.1.2/30; the host is 10.250.1.1 on cw-lan1" : "reach-neighbour-2", Text(lesson, "lan-neighbour"));
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
        // Both neighbours open 8100 before the DOCKER-USER rule.
        Assert.Contains(live ? "reach-open-door: 10.250.1.1:8100 reachable" : "reach-open-door: 10.250.1.1:8100 blocked (not tried", Text(lesson, "try-open-door"));
        DockerUserRuleHolds(Text(lesson, "docker-user"), live, engine.IsRootless);
        Assert.Contains(live ? "reach-gateway-program: 172.17.0.1:8103 reachable" : "not tried", Text(lesson, "try-host-programs"));
        Assert.Contains("reach-gateway-program", Text(lesson, "run-host-programs"));

        Assert.Equal("sankey", (string?)Figure(lesson, "port-mappings")["data"]![0]!["type"]);
        Assert.Contains("0.0.0.0:8104 → 80/tcp", Text(lesson, "yourturn-1"));
        Assert.Contains("127.0.0.1:8105 → 80/tcp", Text(lesson, "yourturn-1"));
        Assert.Matches(@"Removed \d+ container\(s\), 0 network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }

    /// <summary>
    /// The DOCKER-USER rule keeps 8100 to reach-neighbour: reach-neighbour-2 is refused, and this machine's own
    /// localhost:8100 still answers (docker-proxy, never DOCKER-USER). Without neighbours, the cell says why.
    /// </summary>
    private static void DockerUserRuleHolds(string cell, bool live, bool rootless)
    {
        if (!live)
        {
            Assert.Contains("No neighbours on this engine, so no rule to show", cell);
            Assert.Contains(rootless ? "rootless" : "VM", cell);
            Assert.DoesNotContain("iptables", cell);
            return;
        }
        Assert.Contains("iptables -I DOCKER-USER -i cw-lan+ -p tcp -m conntrack --ctorigdstport 8100 --ctdir ORIGINAL", cell);
        Assert.Contains("-s 10.250.0.2/32", cell);
        Assert.Contains("reach-open-door: 10.250.0.1:8100 reachable", cell);
        Assert.Contains("reach-open-door: 10.250.1.1:8100 blocked", cell);
        Assert.Contains("GET http://localhost:8100/ → 200 OK", cell);
    }
}
