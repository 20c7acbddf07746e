using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 07 through `courseware run`: three engine-in-container hosts form a swarm, containers on two hosts ping each
/// other by name over the overlay, the VXLAN tunnel points at the other host's LAN address, a service spreads over the
/// hosts and tasks.NAME lists its tasks, the IPVS verdict is this kernel's, and nothing is left, swarm state included.
/// On a rootless engine the lesson stops at the cluster cell and says why.
/// </summary>
[Collection("lessons")]
public sealed class Lesson07MultiHostTests
{
    [DockerFact]
    public async Task Lesson_07_forms_a_three_node_swarm_pings_across_hosts_by_name_and_spreads_a_service()
    {
        if (!LessonNotebook.RunsOnThisEngine("multi-host-networking"))
        {
            // A rootless engine cannot host the nodes: the lesson must stop at the cluster cell and say why.
            var output = Paths.NewOutputDirectory("multi-host-networking");
            var refused = await CoursewareProcess.RunAsync(["run", LessonNotebook.PathOf("multi-host-networking"), "--output", output], timeout: TimeSpan.FromMinutes(3));
            // Exit 3: nothing failed, the lesson does not apply to this engine; the checks it never reached are not scored.
            Assert.True(refused.ExitCode == 3, refused.ToString());
            Assert.Matches(@"⊘ not-on-engine .*docker.Cluster.CreateAsync|⊘ not-on-engine .*docker network create --internal swarm-lan", refused.Output);
            Assert.Contains($"⊘ {LessonNotebook.FileOf("multi-host-networking")} does not run on this engine", refused.Output);
            Assert.Contains("This engine cannot host a cluster of Docker nodes", refused.Output);
            Assert.Contains("rootless engine", refused.Output);
            Assert.Contains("Score: 0/0 checks passed (3 not applicable on this engine)", refused.Output);
            Assert.Contains("Notebooks: 0 succeeded, 0 did not, 1 not for this engine", refused.Output);
            Assert.DoesNotContain("   at ", refused.Output + refused.Error);
            LessonRuns.AssertNothingLeft(refused.ProcessId);
            return;
        }

        var lesson = await LessonRuns.DefaultAsync("multi-host-networking");

        LessonFacts.Lesson07(lesson);
        await LessonRunTests.AssertHtmlRendersAsync(lesson, charts: 1);
    }
}
