using Courseware.Lab;
using Courseware.Cli.Tests.Lessons;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// <c>courseware doctor</c> and <c>courseware run</c> against Podman's Docker-compatible service (Debian's podman, on a
/// socket of its own): not "This machine can run the lessons", but ⊘ not-on-engine with what differs, exit 3; and no
/// lesson runs on it (what the README says).
/// </summary>
public sealed class NotDockerEngineTests
{
    [PodmanFact]
    public async Task Doctor_on_Podman_says_not_on_engine_with_what_differs_and_exits_3()
    {
        await using var podman = await PodmanService.StartAsync();

        var run = await CoursewareProcess.RunAsync(["doctor"], new Dictionary<string, string?> { ["DOCKER_HOST"] = podman.Endpoint });

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith($"⊘ Docker engine   The engine at {podman.Endpoint} is Podman 4.", StringComparison.Ordinal)
            && l.Contains($"FROM {LabImages.Base} goes to a registry", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  fix: Use Docker:", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("! Base image", StringComparison.Ordinal) && l.Contains("not checked: the engine is not Docker"));
        Assert.Contains("⊘ not-on-engine: the lessons do not run on this engine", run.Output);
        Assert.DoesNotContain("This machine can run the lessons", run.Output);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [PodmanFact]
    public async Task Clean_on_Podman_says_not_on_engine_and_exits_3()
    {
        await using var podman = await PodmanService.StartAsync();

        var run = await CoursewareProcess.RunAsync(["clean"], new Dictionary<string, string?> { ["DOCKER_HOST"] = podman.Endpoint });

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith($"⊘ not-on-engine: The engine at {podman.Endpoint} is Podman 4.", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  fix: Use Docker:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [PodmanFact]
    public async Task Every_lesson_on_Podman_stops_at_its_first_cell_as_not_on_engine()
    {
        await using var podman = await PodmanService.StartAsync();
        var output = Paths.NewOutputDirectory("podman");

        var run = await CoursewareProcess.RunAsync(["run", LessonNotebook.Directory, "--output", output, "--format", "ipynb"],
            new Dictionary<string, string?> { ["DOCKER_HOST"] = podman.Endpoint });

        Assert.True(run.ExitCode == 3, run.ToString());
        var lessons = LessonNotebook.All().Select(id => LessonNotebook.FileOf((string)id[0])).ToList();
        Assert.NotEmpty(lessons);
        foreach (var file in lessons)
            Assert.Contains($"⊘ {file} does not run on this engine (stopped at cell 1 of ", run.Output);
        Assert.Contains($"Notebooks: 0 succeeded, 0 did not, {lessons.Count} not for this engine", run.Output);
        Assert.Contains("is Podman 4.", run.Output);
    }
}
