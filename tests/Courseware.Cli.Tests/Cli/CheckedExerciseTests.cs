using ApprovalTests;
using ApprovalTests.Reporters;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// A teacher notebook with a solution region, a prediction and two check cells (Fixtures/exercise.ipynb): the teacher
/// version passes every check; its student version, written by `courseware student`, fails every check with its hint,
/// and the run goes on past the unanswered exercise. What the runner prints is asserted line by line; the executed
/// notebook is compared whole against an approved snapshot.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public sealed class CheckedExerciseTests
{
    /// <summary>
    /// The executed exercise as a <see cref="NotebookSnapshot"/>, against <c>CheckedExerciseTests.NAME.approved.txt</c>.
    /// The box is named after the runner's pid (other runs share the engine); nothing in it differs by engine.
    /// </summary>
    private static string Snapshot(CliRun run, string path) =>
        new NotebookSnapshot().Replacing($"cw-check-box-{run.ProcessId}", "cw-check-box-<pid>").Of(new ExecutedNotebook(path));

    [DockerFact]
    public async Task The_teacher_version_passes_every_check_and_the_score_is_in_the_metadata_the_log_and_the_page()
    {
        var output = Paths.NewOutputDirectory("checks-teacher");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("exercise.ipynb"), "--output", output]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  Score: 2/2 checks passed", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("          ✓ check The box runs: cw-check-box-", StringComparison.Ordinal) && l.EndsWith("is running; from busybox:stable", StringComparison.Ordinal));
        // The executed notebook whole: the score and predictions in its metadata, each cell's card, check and reveal.
        Approvals.Verify(Snapshot(run, Path.Combine(output, "exercise.ipynb")));
        var html = File.ReadAllText(Path.Combine(output, "exercise.html"));
        Assert.Contains("<section class=\"score all-passed\">", html);
        Assert.Contains("<h2>Checks: 2/2 passed</h2>", html);
        Assert.True(html.IndexOf("class=\"score", StringComparison.Ordinal) < html.IndexOf("class=\"cell", StringComparison.Ordinal), "the score comes first");
    }

    [DockerFact]
    public async Task The_student_version_runs_with_keep_going_fails_every_check_with_its_hint_and_exits_1()
    {
        // Beside the fixture, as student/ sits beside notebooks/: its #r "../Courseware.Lab.Interactive.dll" still resolves.
        var student = Path.Combine(Paths.Fixtures, "..", $"student-{Guid.NewGuid():N}"[..16]);
        try
        {
            var convert = await CoursewareProcess.RunAsync(["student", Paths.Fixture("exercise.ipynb"), "--output", student]);
            Assert.True(convert.ExitCode == 0, convert.ToString());
            Assert.Contains("exercise.ipynb: 1 solution region replaced", convert.Output);

            var output = Paths.NewOutputDirectory("checks-student");
            var run = await CoursewareProcess.RunAsync(["run", student, "--output", output, "--keep-going"]);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains(run.Lines, l => l.StartsWith("  [3/7] ✗ failed", StringComparison.Ordinal));
            Assert.Contains("ExerciseNotDoneException: This exercise is waiting for your code.", run.Output);
            Assert.Contains(run.Lines, l => l.StartsWith("  [4/7] ✓ ok", StringComparison.Ordinal));   // a failed check is not a failed cell
            Assert.Contains(run.Lines, l => l.StartsWith("  [7/7] ✓ ok", StringComparison.Ordinal));
            Assert.Contains("  Score: 0/2 checks passed", run.Lines);
            Assert.Contains("failed in", run.Output);
            Assert.Contains("2 of 2 checks not passed", run.Output);
            // Each check's hint in the metadata, the exercise cell's one error, and the cells after it run.
            Approvals.Verify(Snapshot(run, Path.Combine(output, "exercise.ipynb")));
            Assert.Contains("<section class=\"score not-all-passed\">", File.ReadAllText(Path.Combine(output, "exercise.html")));
        }
        finally
        {
            if (Directory.Exists(student)) Directory.Delete(student, recursive: true);
        }
    }

    [DockerFact]
    public async Task Without_keep_going_the_checks_after_the_unanswered_exercise_count_as_not_run()
    {
        var student = Path.Combine(Paths.Fixtures, "..", $"student-{Guid.NewGuid():N}"[..16]);
        try
        {
            Assert.Equal(0, (await CoursewareProcess.RunAsync(["student", Paths.Fixtures + "/exercise.ipynb", "--output", student])).ExitCode);
            var output = Paths.NewOutputDirectory("checks-stop");
            var run = await CoursewareProcess.RunAsync(["run", Path.Combine(student, "exercise.ipynb"), "--output", output, "--format", "ipynb"]);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("  Score: 0/2 checks passed", run.Lines);
            // Both checks "did not run (the notebook stopped before it)", and no cell after the exercise ran.
            Approvals.Verify(Snapshot(run, Path.Combine(output, "exercise.ipynb")));
        }
        finally
        {
            if (Directory.Exists(student)) Directory.Delete(student, recursive: true);
        }
    }

    [Fact]
    public async Task Student_versions_are_valid_nbformat_without_outputs_and_identical_outside_the_regions()
    {
        var student = Paths.NewOutputDirectory("student");
        var run = await CoursewareProcess.RunAsync(["student", Paths.Fixture("exercise.ipynb"), "--output", student]);
        Assert.True(run.ExitCode == 0, run.ToString());

        var path = Path.Combine(student, "exercise.ipynb");
        NbformatValidation.AssertValid(path);
        var teacher = new ExecutedNotebook(Paths.Fixture("exercise.ipynb"));
        var learner = new ExecutedNotebook(path);
        Assert.Equal(teacher.Cells.Count, learner.Cells.Count);
        Assert.Equal(teacher.Root["metadata"]!.ToJsonString(), learner.Root["metadata"]!.ToJsonString());
        for (var i = 0; i < teacher.Cells.Count; i++)
        {
            var source = ExecutedNotebook.Source(teacher.Cells[i]);
            if (source.Contains("// BEGIN SOLUTION", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("docker.RunAsync", ExecutedNotebook.Source(learner.Cells[i]));
                Assert.EndsWith("// YOUR CODE HERE\nthrow new ExerciseNotDoneException();", ExecutedNotebook.Source(learner.Cells[i]));
                Assert.Equal(teacher.Cells[i]["id"]!.ToJsonString(), learner.Cells[i]["id"]!.ToJsonString());
            }
            else
                Assert.Equal(teacher.Cells[i].ToJsonString(), learner.Cells[i].ToJsonString());
        }
        Assert.All(learner.CodeCells, c => Assert.Empty(ExecutedNotebook.Outputs(c)));
    }

    [Fact]
    public async Task Keep_existing_leaves_a_learners_notebook_as_it_is_and_writes_the_missing_ones()
    {
        var student = Paths.NewOutputDirectory("student-keep");
        var mine = Path.Combine(student, "exercise.ipynb");
        File.WriteAllText(mine, "my answers");

        var run = await CoursewareProcess.RunAsync(["student", Paths.Fixture("exercise.ipynb"), "--output", student, "--keep-existing"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("my answers", File.ReadAllText(mine));
        Assert.Contains($"exercise.ipynb: kept {mine} (already there, maybe with your work); delete it for a fresh copy", run.Lines);
        File.Delete(mine);
        run = await CoursewareProcess.RunAsync(["student", Paths.Fixture("exercise.ipynb"), "--output", student, "--keep-existing"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("// YOUR CODE HERE", File.ReadAllText(mine));
    }

    [Fact]
    public async Task An_unclosed_region_is_a_usage_error_and_nothing_is_written()
    {
        var folder = Paths.NewOutputDirectory("student-bad");
        var teacher = Path.Combine(folder, "bad.ipynb");
        File.WriteAllText(teacher, File.ReadAllText(Paths.Fixture("exercise.ipynb")).Replace("\"// END SOLUTION\"", "\"// the end\""));
        var output = Path.Combine(folder, "out");

        var run = await CoursewareProcess.RunAsync(["student", teacher, "--output", output]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("cell exercise-run-box: line 2: '// BEGIN SOLUTION' is never closed with '// END SOLUTION'", run.Error);
        Assert.False(Directory.Exists(output));
    }
}
