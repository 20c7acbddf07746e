using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Kernels;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Issue 9 on the real lessons: the teacher versions pass every check; their student versions (courseware student) fail
/// every check with the hint meant for an untouched exercise; a plausible mistake in each exercise gets its own hint.
/// Variants are written to a folder beside notebooks/, as student/ would be, so they load the library the same way.
/// </summary>
[Collection("lessons")]
public sealed class LessonExerciseTests
{
    /// <summary>
    /// Per lesson (by its metadata.courseware.id): the hint of each check when its exercise is untouched, and a
    /// scripted mistake per exercise cell (by cell id: the text replaced in it, what replaces it, the hint it gets).
    /// </summary>
    private static readonly Dictionary<string, (string[] Untouched, (string Cell, string Solution, string Mistake, string Hint)[] Mistakes)> Lessons = new()
    {
        ["exposing-ports"] = (
            ["There is no container loopback-web yet", "There is no container pick-a-port yet", "Host port 8087 still leads to container port 8080, where nothing listens"],
            [
                ("yourturn-1", "publish: [$\"127.0.0.1:{hostPort + 5}:80\"]", "publish: [$\"{hostPort + 5}:80\"]", "It listens on 0.0.0.0"),
                ("yourturn-2", "await docker.RunAsync(\"exercise4\", name: \"pick-a-port\", publish: [\"80\"]);", "await docker.RunAsync(\"exercise4\", name: \"pick-a-port\", publish: [$\"{hostPort + 13}:80\"]);", "Host port 8093 looks chosen by you: write only the container port, -p 80"),
                ("yourturn-3", "await docker.RunAsync(\"exercise4\", name: \"broken-map\", publish: [$\"{hostPort + 7}:80\"])", "await docker.RunAsync(\"exercise4\", name: \"broken-map\", publish: [$\"{hostPort + 14}:80\"])", "The page is now on host port 8094; keep host port 8087"),
            ]),
        ["who-can-reach-your-ports"] = (
            ["There is no container reach-two-doors yet", "There is no container reach-any-port yet", "There is no container reach-host-only yet"],
            [
                ("yourturn-1", "publish: [\"8104:80\", \"127.0.0.1:8105:80\"]", "publish: [\"8104:80\", \"8105:80\"]", "Host port 8105 listens on every interface"),
                ("yourturn-2", "publish: [\"127.0.0.1::80\"]", "publish: [\"127.0.0.1:8108:80\"]", "You chose host port 8108: leave the host port out"),
                ("yourturn-3", "\"127.0.0.1:8107\"", "$\"{gateway}:8107\"", "It listens on 172.17.0.1, an address of your host that a LAN machine can route to"),
            ]),
        ["container-to-container"] = (
            ["There is no container api yet", "There is no network db-only yet", "red and blue share no network yet"],
            [
                ("yourturn-1", "new RunOptions { Name = \"api\", Network = networkName, NetworkAliases = [\"orders\"] }", "new RunOptions { Name = \"api\", Network = networkName }", "api answers only to its container name: give it a name of your own with --network-alias NAME"),
                ("yourturn-2", "await docker.Network.CreateAsync(\"db-only\", @internal: true);", "await docker.Network.CreateAsync(\"db-only\");", "db-only is an ordinary bridge, with a gateway to the outside: create it with --internal"),
                ("yourturn-3", "await docker.Network.DisconnectAsync(\"pair-a\", \"green\");", "", "green still shares pair-a with red: docker network disconnect green from it."),
            ]),
        ["multi-host-networking"] = (
            ["web runs 3 task(s), not 5", "There is no container gamma on node3 yet", "The manager has no network backnet yet"],
            [
                ("yourturn-1", "await manager.Service.ScaleAsync(\"web\", 5)", "await manager.Service.ScaleAsync(\"web\", 4)", "web runs 4 task(s), not 5"),
                ("yourturn-2", "Name = \"gamma\", Network = overlayName, ", "Name = \"gamma\", ", "gamma is on node3 but on bridge, not on labnet"),
                ("yourturn-3", "Name = \"delta\", Network = \"backnet\", ", "Name = \"delta\", Network = overlayName, ", "delta is on labnet, not backnet"),
            ]),
    };

    public static IEnumerable<object[]> Names() => Lessons.Keys.Select(k => new object[] { k });

    /// <summary>
    /// The lessons whose exercises this engine can judge. Lesson 03 needs a rootful engine to host its nodes; on a
    /// rootless one it stops at the cluster cell and says why (exit 3, its checks not applicable), which
    /// Lesson03MultiHostTests asserts on that engine, so it is not among these cases there.
    /// </summary>
    public static IEnumerable<object[]> RunnableHere() =>
        Lessons.Keys.Where(LessonNotebook.RunsOnThisEngine).Select(k => new object[] { k });

    private static JsonObject Checks(string executed) => new ExecutedNotebook(executed).Checks;

    private static IReadOnlyList<string> Messages(JsonObject checks) =>
        checks["results"]!.AsArray().Select(r => (string)r!["message"]!).ToList();

    /// <summary>A folder beside notebooks/ (as student/ is), removed afterwards.</summary>
    private static async Task<T> InSiblingFolderAsync<T>(Func<string, Task<T>> use)
    {
        var folder = Path.Combine(Paths.RepoRoot, $".lesson-variant-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);
        try { return await use(folder); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task<(CliRun Run, string Executed)> RunAsync(string notebook, params string[] extra)
    {
        var output = Paths.NewOutputDirectory("ex-" + Path.GetFileNameWithoutExtension(notebook));
        var run = await CoursewareProcess.RunAsync(["run", notebook, "--output", output, "--format", "ipynb", .. extra], timeout: TimeSpan.FromMinutes(10));
        return (run, Path.Combine(output, Path.GetFileName(notebook)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_lesson_has_objectives_a_recap_three_predictions_and_three_checked_exercises(string name)
    {
        var lesson = LessonNotebook.Load(name);
        var cells = lesson.Cells;
        string Source(JsonObject c) => ExecutedNotebook.Source(c);
        var prose = lesson.MarkdownCells.Select(Source).ToList();
        var code = lesson.CodeCells;

        Assert.Contains(prose.Take(3), p => p.StartsWith("## What you will be able to do", StringComparison.Ordinal));
        Assert.Contains(prose, p => p.StartsWith("## Recap", StringComparison.Ordinal));
        Assert.True(code.Count(c => Source(c).Contains("Predict.Reveal(", StringComparison.Ordinal)) >= 3);
        var checks = LessonNotebook.Load(name).Tagged("check");
        Assert.True(checks.Count >= 3);
        Assert.All(checks, c => Assert.Contains("await docker.CheckAsync(", Source(c)));
        Assert.True(code.Count(c => Source(c).Contains("// BEGIN SOLUTION", StringComparison.Ordinal)) >= 3);
        // Nothing gives the answer away before the reveal: not the prose, not a command's comment.
        foreach (var giveaway in new[] { "expected outcome", "nothing listens there: the port is published, but the GET fails", "→ can't resolve", "port is already allocated\n" })
            Assert.DoesNotContain(cells, c => Source(c).Contains(giveaway, StringComparison.Ordinal));
    }

    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task The_teacher_version_passes_every_check(string name)
    {
        // The lesson's one `courseware run` of this test process, shared with the prose assertions.
        var executed = (await LessonRuns.DefaultAsync(name)).Path;

        var checks = Checks(executed);
        Assert.True((int)checks["total"]! >= 3, checks.ToJsonString());
        Assert.Equal((int)checks["total"]!, (int)checks["passed"]!);
        var predictions = new ExecutedNotebook(executed).Predictions;
        Assert.True((int)predictions["revealed"]! >= 3, predictions.ToJsonString());
        Assert.Contains($"<h2>Checks: {(int)checks["passed"]!}/{(int)checks["total"]!} passed</h2>", File.ReadAllText(Path.ChangeExtension(executed, ".html")));
    }

    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task The_student_version_fails_every_check_with_the_hint_for_an_untouched_exercise(string name)
    {
        var messages = await InSiblingFolderAsync(async folder =>
        {
            var convert = await CoursewareProcess.RunAsync(["student", LessonNotebook.PathOf(name), "--output", folder]);
            Assert.True(convert.ExitCode == 0, convert.ToString());
            Assert.Contains($"{LessonNotebook.FileOf(name)}: 3 solution regions replaced", convert.Output);
            var student = new ExecutedNotebook(Path.Combine(folder, LessonNotebook.FileOf(name)));
            // The student version keeps every cell's id (tests and a learner's links find cells by it).
            Assert.Equal(LessonNotebook.Load(name).Cells.Select(ExecutedNotebook.Id), student.Cells.Select(ExecutedNotebook.Id));
            var (run, executed) = await RunAsync(student.Path, "--keep-going");

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("  Score: 0/3 checks passed", run.Lines);
            Assert.Equal(3, run.Lines.Count(l => l.Contains("ExerciseNotDoneException: This exercise is waiting for your code.", StringComparison.Ordinal)));
            var notebook = new ExecutedNotebook(executed);
            Assert.All(notebook.CodeCells, c => Assert.NotNull(ExecutedNotebook.ExecutionCount(c)));   // every other cell still ran
            Assert.Equal(3, notebook.CodeCells.Count(c => ExecutedNotebook.Outputs(c).Any(o => (string?)o["output_type"] == "error")));
            return Messages(Checks(executed));
        });

        var expected = Lessons[name].Untouched;
        Assert.Equal(expected.Length, messages.Count);
        for (var i = 0; i < expected.Length; i++) Assert.StartsWith(expected[i], messages[i]);
    }

    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task A_plausible_mistake_in_each_exercise_gets_its_own_hint(string name)
    {
        var mistakes = Lessons[name].Mistakes;
        var messages = await InSiblingFolderAsync(async folder =>
        {
            var notebook = LessonNotebook.Load(name);
            foreach (var (id, solution, mistake, _) in mistakes)
            {
                var cell = notebook.Cell(id);
                Assert.Contains(solution, ExecutedNotebook.Source(cell));
                cell["source"] = ExecutedNotebook.Source(cell).Replace(solution, mistake, StringComparison.Ordinal);
            }
            var variant = Path.Combine(folder, LessonNotebook.FileOf(name));
            File.WriteAllText(variant, notebook.Root.ToJsonString());
            var (run, executed) = await RunAsync(variant, "--keep-going");
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.DoesNotContain(" ✗ failed", run.Output);   // a wrong answer fails its check, not a cell
            return Messages(Checks(executed));
        });

        Assert.Equal(mistakes.Length, messages.Count);
        for (var i = 0; i < mistakes.Length; i++) Assert.Contains(mistakes[i].Hint, messages[i]);
    }
    /// <summary>
    /// The official kernel VS Code launches, cell by cell: the teacher version's check cells show ✓ results (the check
    /// mime type reaches the frontend), the student version's show ✗, and only its exercise cells fail.
    /// </summary>
    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task In_the_official_kernel_teacher_checks_pass_and_student_checks_fail(string name)
    {
        Assert.Equal(0, Prerequisites.Run("dotnet", ["tool", "restore"], Paths.RepoRoot).Exit);
        async Task<IReadOnlyList<OfficialCellResult>> RunAsync(string path)
        {
            await using var kernel = await OfficialKernel.StartAsync(new OfficialKernelOptions { WorkingDirectory = Path.GetDirectoryName(path)!, ToolDirectory = Paths.RepoRoot });
            return await kernel.RunNotebookAsync(path, cellTimeout: TimeSpan.FromMinutes(2));
        }
        static IReadOnlyList<bool> Verdicts(IReadOnlyList<OfficialCellResult> cells) =>
            cells.SelectMany(c => c.Submission.DisplayedValues.Where(v => v.MimeType == MimeTypes.Check))
                .Select(v => (bool)JsonNode.Parse(v.Value)!["passed"]!).ToList();

        var teacher = await RunAsync(LessonNotebook.PathOf(name));
        Assert.Empty(teacher.Where(c => c.IsUnexpected).Select(c => $"{c.CellId}: {c.Submission.FailureMessage}"));
        Assert.Equal([true, true, true], Verdicts(teacher));

        var student = await InSiblingFolderAsync(async folder =>
        {
            Assert.Equal(0, (await CoursewareProcess.RunAsync(["student", LessonNotebook.PathOf(name), "--output", folder])).ExitCode);
            return await RunAsync(Path.Combine(folder, LessonNotebook.FileOf(name)));
        });
        Assert.Equal([false, false, false], Verdicts(student));
        var failed = student.Where(c => !c.Submission.Succeeded).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, c => Assert.Contains("This exercise is waiting for your code.", c.Submission.FailureMessage));
    }
}
