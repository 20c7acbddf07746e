using Courseware.Lab;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// <c>courseware seed</c>, which scripts/seed-base-image.sh runs for ensure-docker.sh and every engine use-engine.sh
/// selects. Seeding is tried on a tag of the test's own, never on the shared busybox:stable the other tests use: a tag
/// no registry has, so it is seeded from the host's busybox even where a registry answers, and then found present.
/// </summary>
public sealed class SeedCommandTests
{
    [DockerFact]
    public async Task Seed_builds_a_busybox_tag_from_the_host_busybox_then_finds_it_present()
    {
        var image = $"busybox:courseware-seed-{Guid.NewGuid():N}";
        try
        {
            var seeded = await CoursewareProcess.RunAsync(["seed", "--image", image]);

            Assert.True(seeded.ExitCode == 0, seeded.ToString());
            Assert.Equal($"✓ {image} seeded from the host's static busybox", seeded.Output.Trim());
            Assert.Equal("""local-busybox ["sh"] ["PATH=/bin"]""", DockerCli.Ok("image", "inspect", "--format",
                $$$"""{{index .Config.Labels "{{{LabLabels.Seeded}}}"}} {{json .Config.Cmd}} {{json .Config.Env}}""", image).Trim());

            var again = await CoursewareProcess.RunAsync(["seed", "--image", image]);

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal($"✓ {image} present", again.Output.Trim());
        }
        finally
        {
            DockerCli.Run("rmi", image);
        }
    }

    [DockerFact]
    public async Task Seed_without_an_image_makes_sure_of_the_lessons_base_image()
    {
        var run = await CoursewareProcess.RunAsync(["seed"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($@"^✓ {LabImages.Base} (present|pulled|seeded from the host's static busybox)$", run.Output.Trim());
        Assert.Equal(0, DockerCli.Run("image", "inspect", LabImages.Base).Exit);
    }

    [Fact]
    public async Task Seed_without_an_engine_fails_with_the_fix()
    {
        var run = await CoursewareProcess.RunAsync(["seed"], new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/courseware-test.sock" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("✗ No Docker engine at unix:///nonexistent/courseware-test.sock: ", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  fix: Start the engine", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [PodmanFact]
    public async Task Seed_on_Podman_says_not_on_engine_and_exits_3()
    {
        await using var podman = await PodmanService.StartAsync();

        var run = await CoursewareProcess.RunAsync(["seed"], new Dictionary<string, string?> { ["DOCKER_HOST"] = podman.Endpoint });

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith($"⊘ not-on-engine: The engine at {podman.Endpoint} is Podman 4.", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  fix: Use Docker:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }
}
