using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 03 on the engine under test: the LAN neighbour's table shows, row by row, what the prose says this engine
/// does (reachable or blocked, by version), or, where no neighbour can be made, says why and tries nothing; and one
/// exercise solved with the docker CLI alone is judged like the lesson's own answer.
/// </summary>
[Collection("lessons")]
public sealed class Lesson03WhoCanReachTests
{
    private const string Id = "who-can-reach-your-ports";

    [DockerFact]
    public async Task The_neighbours_table_holds_for_this_engine()
    {
        var lesson = await LessonRuns.DefaultAsync(Id);
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

        Assert.Contains("reach-neighbour: a LAN neighbour at 10.250.0.2/30; the host is 10.250.0.1 on cw-lan0", neighbour);
        Assert.DoesNotContain("UNEXPECTED", table);
        // Every row was tried, and shows this engine's outcome: the library's table of expectations is what the prose teaches.
        foreach (var what in LanExposure.All)
        {
            var row = Assert.Single(table.Split('\n'), l => l.StartsWith(LanExposure.Describe(what), StringComparison.Ordinal));
            var here = row.Split(" | ")[1].Trim();
            Assert.True(here == LanExposureReport.Word(LanExposure.ExpectedOn(engine, what)), $"{what} on Engine {engine.EngineVersion}: {row}");
        }
        // The headline facts, asserted directly for the two engines CI runs.
        string Row(Exposure what) => Assert.Single(table.Split('\n'), l => l.StartsWith(LanExposure.Describe(what), StringComparison.Ordinal));
        Assert.Contains(engine.Version.Major < 28 ? "| reachable " : "| blocked ", Row(Exposure.ContainerIpOfLoopbackPublished));
        Assert.Contains("| blocked ", Row(Exposure.ContainerIpUnpublished));
        Assert.Contains("| reachable ", Row(Exposure.HostProgramOnGateway));
        Assert.Contains("| reachable ", Row(Exposure.PublishedBehindFirewall));
        Assert.Contains("Prediction: Does the neighbour reach reach-local-only", Text(lesson, "reveal-direct-route"));
        // Before 28 the unpublished container is blocked only because Docker set FORWARD's policy to DROP, as the prose says.
        var (_, forward, _) = Prerequisites.Run("iptables", ["-S", "FORWARD"]);
        Assert.Contains("-P FORWARD DROP", forward);
        // The rule the lesson added to the host firewall is gone.
        var (_, rules, _) = Prerequisites.Run("iptables", ["-S", "INPUT"]);
        Assert.DoesNotContain(DockerLab.LanInterface, rules);
    }

    /// <summary>
    /// Prose claims that a measurement could contradict are derived from it or dropped: no fixed "well under a
    /// millisecond" beside a ping chart, no "reachable from the host only if published"; and none of issue 18's
    /// corrected claims about who can reach a port.
    /// </summary>
    [Fact]
    public void The_prose_states_no_claim_the_engine_can_contradict()
    {
        foreach (var name in new[] { "exposing-ports", "container-to-container", Id })
        {
            var prose = LessonNotebook.Load(name).Prose;
            Assert.DoesNotContain("well under a millisecond", prose);
            Assert.DoesNotContain("reachable from the host only if", prose);
            Assert.DoesNotContain("Publishing is only for the host", prose);
            Assert.DoesNotContain("`--link`, is deprecated", prose);
            Assert.DoesNotContain("Only programs on this machine can connect", prose);
        }
        var lesson = LessonNotebook.Load(Id);
        var text = lesson.Prose + string.Concat(lesson.CodeCells.Select(ExecutedNotebook.Source));
        Assert.DoesNotContain("narrower door", text.Replace("no narrower door", "", StringComparison.Ordinal));
        Assert.DoesNotContain("before the INPUT chain", text);
        Assert.DoesNotContain("not reachable this way on either engine", text);
        Assert.Contains("`allow-direct-routing` (from 28.2)", text);
        Assert.Contains("--firewall-backend=nftables`, not with Swarm", text);
        // Exercise 2's -p 127.0.0.1::80 is taught before it; IPv6 to a plain -p meets ip6tables' INPUT (docker-proxy), not
        // iptables' and not DOCKER-USER; the DOCKER-USER rule on the host port does not cover direct routing.
        Assert.Contains("In full, `-p` reads `ADDRESS:HOSTPORT:CONTAINERPORT`", text);
        Assert.Contains("so it passes **ip6tables'** `INPUT` (not iptables', where section 4's rule is), and no `DOCKER-USER` rule sees it", text);
        Assert.DoesNotContain("so it **does** pass `INPUT`", text);
        Assert.Contains("a machine that routes straight to the container's own address (before Engine 28, section 2) never used 8100 and is not matched", text);
        // Every cell that opens a port to the network says so, and names the cell that closes it.
        Assert.Contains("opens port 8100 to your whole network", text);
        Assert.Contains("open to your network until the clean-up cell", text);
    }

    /// <summary>
    /// Your turn 2 solved in a terminal, as the lesson invites: the check judges the engine, so the CLI's container
    /// passes it, and the CLI's commonest wrong answer (a plain -p 80, every interface) gets its own hint.
    /// </summary>
    [DockerFact]
    public async Task Your_turn_2_solved_with_the_docker_cli_passes_its_check()
    {
        DockerCli.Ok("build", "-q", "-t", "exercise4", Path.Combine(Paths.RepoRoot, "exercise4"));
        try
        {
            DockerCli.Ok("run", "-d", "-p", "127.0.0.1::80", "--name", "reach-any-port", "exercise4");
            var right = await CheckOnlyAsync("yourturn-2-check");
            Assert.True((bool)right["passed"]!, right.ToJsonString());
            Assert.StartsWith("published on 127.0.0.1 only; Docker chose host port ", (string)right["message"]!);

            DockerCli.Run("rm", "-f", "reach-any-port");
            DockerCli.Ok("run", "-d", "-p", "80", "--name", "reach-any-port", "exercise4");
            var wrong = await CheckOnlyAsync("yourturn-2-check");
            Assert.False((bool)wrong["passed"]!);
            Assert.StartsWith("It listens on 0.0.0.0", (string)wrong["message"]!);
        }
        finally
        {
            DockerCli.Run("rm", "-f", "reach-any-port");
            DockerCli.Run("rmi", "exercise4");   // the CLI's build carries no course label, so no clean-up would find it
        }
    }

    /// <summary>The lesson's connect cell and one check cell, run by `courseware run` in a folder beside notebooks/: the check's verdict.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> CheckOnlyAsync(string checkCell)
    {
        var lesson = LessonNotebook.Load(Id);
        var cells = lesson.Root["cells"]!.AsArray();
        var keep = cells.Select(c => c!.AsObject()).Where(c => ExecutedNotebook.Id(c) == "connect" || ExecutedNotebook.Id(c) == checkCell).Select(c => c.DeepClone()).ToList();
        cells.Clear();
        foreach (var c in keep) cells.Add(c);
        return await LessonExerciseTests.InSiblingFolderAsync(async folder =>
        {
            var notebook = Path.Combine(folder, LessonNotebook.FileOf(Id));
            File.WriteAllText(notebook, lesson.Root.ToJsonString());
            var output = Paths.NewOutputDirectory("cli-" + Id);
            var run = await CoursewareProcess.RunAsync(["run", notebook, "--output", output, "--format", "ipynb", "--keep-going"], timeout: TimeSpan.FromMinutes(3));
            var result = new ExecutedNotebook(Path.Combine(output, LessonNotebook.FileOf(Id))).Checks["results"]!.AsArray();
            Assert.True(result.Count == 1, run.ToString());
            return result[0]!.AsObject();
        });
    }
}
