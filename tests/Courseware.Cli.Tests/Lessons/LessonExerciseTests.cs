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
            ["There is no container either-way yet", "Nothing serves the page on http://localhost:8085/ (trio-b)", "There is no container fixed-app yet"],
            [
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [$\"{hostPort + 9}:80\"]", "Only host port 8089 leads to port 80"),
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [$\"{hostPort + 9}:80\"], publishAll: true", "-P publishes only the EXPOSEd ports that no -p names"),
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [$\"{hostPort + 9}:80\", \"40000:80\"]", "You chose host port 40000 yourself"),
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [\"80\"]", "No door on host port 8089"),
                ("yourturn-2", "publish: [$\"{hostPort + 5}:80\"]", "publish: [$\"{hostPort + 5}:8080\"]", "trio-b: host port 8085 leads to container port 8080, where nothing listens"),
                ("yourturn-2", "await docker.RunAsync(\"exercise4\", name: \"trio-b\", publish: [$\"{hostPort + 5}:80\"])",
                    "await docker.RunAsync(\"exercise4\", name: \"trio-c\", publish: [$\"{hostPort + 6}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"8080\", \"-h\", \"/var/www\"])",
                    "trio-c worked as the setup cell started it (-p 8086:8080"),
                ("yourturn-3", "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\"",
                    "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"127.0.0.1:80\"", "httpd in fixed-app listens on 127.0.0.1:80, the container's own loopback"),
                ("yourturn-3", "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\"",
                    "publish: [$\"127.0.0.1:{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"127.0.0.1:80\"", "-p 127.0.0.1:… changes who may connect to the host port, not where the app listens"),
                ("yourturn-3", "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\"",
                    "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"8087\"", "-p sends host port 8087 to container port 80, but httpd listens on 8087"),
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

    /// <summary>
    /// Per lesson, one exercise solved in a terminal instead: the piece of the exercise cell is replaced by a docker CLI
    /// process (its resources carry no course label), whose check must pass, and the lesson's clean-up must remove it
    /// by name. The arguments are a C# interpolated string (the notebook's parameters in braces).
    /// </summary>
    private static readonly Dictionary<string, (string Cell, string Solution, string DockerArguments, string Name)> SolvedWithTheCli = new()
    {
        ["exposing-ports"] = ("yourturn-3",
            "await docker.RunAsync(\"exercise4\", name: \"fixed-app\", publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\", \"-h\", \"/var/www\"])",
            "run -d -p {hostPort + 7}:80 --name fixed-app exercise4 httpd -f -v -p 80 -h /var/www", "fixed-app"),
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

    /// <summary>
    /// The code cells one try at an exercise runs: from the first code cell after the task's prose (a setup cell, as a
    /// learner re-runs it) through the exercise's check.
    /// </summary>
    private static List<JsonObject> TryCells(ExecutedNotebook notebook, string exerciseId)
    {
        var cells = notebook.Cells;
        var exercise = cells.ToList().FindIndex(c => ExecutedNotebook.Id(c) == exerciseId);
        var first = exercise;
        while (first > 0 && (string?)cells[first - 1]["cell_type"] == "code" && !ExecutedNotebook.Tags(cells[first - 1]).Contains("check")) first--;
        var check = exercise;
        while (!ExecutedNotebook.Tags(cells[check]).Contains("check")) check++;
        return cells.Skip(first).Take(check - first + 1).ToList();
    }

    /// <summary>Copies of a try's cells, with the exercise's piece replaced, their ids suffixed; returns the copies and the check copy's id.</summary>
    private static (List<JsonObject> Cells, string CheckId) TryWith(ExecutedNotebook notebook, string exerciseId, string solution, string replacement, string suffix)
    {
        var copies = TryCells(notebook, exerciseId).Select(c => (JsonObject)c.DeepClone()).ToList();
        foreach (var copy in copies)
        {
            if (ExecutedNotebook.Id(copy) == exerciseId)
            {
                Assert.Contains(solution, ExecutedNotebook.Source(copy));
                copy["source"] = ExecutedNotebook.Source(copy).Replace(solution, replacement, StringComparison.Ordinal);
            }
            copy["id"] = $"{ExecutedNotebook.Id(copy)}-{suffix}";
        }
        return (copies, ExecutedNotebook.Id(copies[^1])!);
    }

    /// <summary>
    /// One session per lesson tries every wrong answer and then the right one, as a learner would: before each exercise,
    /// a copy of its cells (setup, exercise, check) per scripted mistake, each check expected to fail with that mistake's
    /// own hint; then the teacher's cells, whose checks pass; and after one exercise, the same solved with the docker CLI,
    /// whose check passes too, and whose unlabelled container the lesson's clean-up removes by name.
    /// </summary>
    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task A_plausible_mistake_in_each_exercise_gets_its_own_hint(string name)
    {
        var expected = new List<(string CheckId, string? Hint)>();
        var (results, cliName) = await InSiblingFolderAsync(async folder =>
        {
            var notebook = LessonNotebook.Load(name);
            var cells = notebook.Root["cells"]!.AsArray();
            int IndexOf(string id) => cells.Select(c => ExecutedNotebook.Id((JsonObject)c!)).ToList().IndexOf(id);
            var tries = 0;
            foreach (var (id, solution, mistake, hint) in Lessons[name].Mistakes)
            {
                var (copies, checkId) = TryWith(notebook, id, solution, mistake, $"try{++tries}");
                var at = IndexOf(ExecutedNotebook.Id(TryCells(notebook, id)[0])!);
                for (var i = 0; i < copies.Count; i++) cells.Insert(at + i, copies[i]);
                expected.Add((checkId, hint));
            }
            string? cli = null;
            if (SolvedWithTheCli.TryGetValue(name, out var solved))
            {
                var process = $"using (var cli = System.Diagnostics.Process.Start(\"docker\", $\"{solved.DockerArguments}\")!) await cli.WaitForExitAsync();";
                var (copies, checkId) = TryWith(notebook, solved.Cell, solved.Solution, process, "cli");
                var after = IndexOf(ExecutedNotebook.Id(TryCells(notebook, solved.Cell)[^1])!) + 1;
                for (var i = 0; i < copies.Count; i++) cells.Insert(after + i, copies[i]);
                expected.Add((checkId, null));
                cli = solved.Name;
            }
            var variant = Path.Combine(folder, LessonNotebook.FileOf(name));
            File.WriteAllText(variant, notebook.Root.ToJsonString());
            var (run, executed) = await RunAsync(variant, "--keep-going");
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.DoesNotContain(" ✗ failed", run.Output);   // a wrong answer fails its check, not a cell
            return (Checks(executed)["results"]!.AsArray().ToDictionary(r => (string)r!["cell"]!, r => ((bool)r!["passed"]!, (string)r!["message"]!)), cli);
        });

        foreach (var (checkId, hint) in expected)
        {
            var (passed, message) = results[checkId];
            if (hint is null) Assert.True(passed, $"{checkId}, solved with the docker CLI: {message}");
            else
            {
                Assert.False(passed, $"{checkId} passed; expected the hint '{hint}'");
                Assert.Contains(hint, message);
            }
        }
        // The teacher's own checks, after the wrong tries, pass.
        Assert.All(results.Where(r => expected.All(e => e.CheckId != r.Key)), r => Assert.True(r.Value.Item1, $"{r.Key}: {r.Value.Item2}"));
        Assert.Equal(expected.Count + 3, results.Count);
        if (cliName is not null) Assert.Equal("", DockerCli.Ok("ps", "-aq", "--filter", $"name=^{cliName}$").Trim());
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
