using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 01's Experiment 4 on the engine under test: the LAN neighbour's table shows, row by row, what the prose says
/// this engine does (reachable or blocked, by version), or, where no neighbour can be made, says why and tries nothing.
/// </summary>
[Collection("lessons")]
public sealed class Lesson01SecurityTests
{

    [DockerFact]
    public async Task The_neighbours_table_holds_for_this_engine()
    {
        var lesson = await LessonRuns.DefaultAsync("exposing-ports");
        var engine = await LiveEngine.GetAsync();
        var neighbour = Text(lesson, "lan-neighbour");
        var table = Text(lesson, "lan-firewall");

        if (!engine.HostCanReachContainerIps)
        {
            Assert.Contains("no LAN neighbour on this engine", neighbour);
            Assert.Contains(engine.IsRootless ? "rootless" : "VM", neighbour);
            Assert.Contains("No neighbour on this engine", table);
            Assert.Equal(LanExposure.All.Count, table.Split('\n').Count(l => l.Contains("| not tried |")));
            return;
        }

        Assert.Contains("a LAN neighbour at 10.250.0.2/30; the host is 10.250.0.1 on cw-lan0", neighbour);
        Assert.DoesNotContain("UNEXPECTED", table);
        // Every row was tried, and shows this engine's outcome: the library's table of expectations is what the prose teaches.
        foreach (var what in LanExposure.All)
        {
            var row = Assert.Single(table.Split('\n'), l => l.StartsWith(LanExposure.Describe(what), StringComparison.Ordinal));
            var here = row.Split(" | ")[1].Trim();
            Assert.True(here == LanExposureReport.Word(LanExposure.ExpectedOn(engine, what)), $"{what} on Engine {engine.EngineVersion}: {row}");
        }
        // The security section's headline facts, asserted directly for the two engines CI runs.
        var direct = Assert.Single(table.Split('\n'), l => l.StartsWith(LanExposure.Describe(Exposure.ContainerIpOfLoopbackPublished), StringComparison.Ordinal));
        Assert.Contains(engine.Version.Major < 28 ? "| reachable " : "| blocked ", direct);
        var published = Assert.Single(table.Split('\n'), l => l.StartsWith(LanExposure.Describe(Exposure.PublishedBehindFirewall), StringComparison.Ordinal));
        Assert.Contains("| reachable ", published);
        Assert.Contains("Prediction: Does the neighbour reach local-only", Text(lesson, "reveal-direct-route"));
        // The rule the lesson added to the host firewall is gone.
        var (_, rules, _) = Prerequisites.Run("iptables", ["-S", "INPUT"]);
        Assert.DoesNotContain(DockerLab.LanInterface, rules);
    }

    /// <summary>
    /// Prose claims that a measurement could contradict are derived from it or dropped: no fixed "well under a
    /// millisecond" beside a ping chart, no "reachable from the host only if published".
    /// </summary>
    [Fact]
    public void The_prose_states_no_claim_the_engine_can_contradict()
    {
        foreach (var name in new[] { "exposing-ports", "container-to-container", "names-and-dns" })
        {
            var prose = LessonNotebook.Load(name).Prose;
            Assert.DoesNotContain("well under a millisecond", prose);
            Assert.DoesNotContain("reachable from the host only if", prose);
            Assert.DoesNotContain("Publishing is only for the host", prose);
            Assert.DoesNotContain("`--link`, is deprecated", prose);
            Assert.DoesNotContain("Only programs on this machine can connect", prose);
        }
    }
}
