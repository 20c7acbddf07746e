using System.Text.Json.Nodes;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Tests.Kernels;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;
using Xunit.Abstractions;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Each lesson in the official kernel VS Code launches (dotnet-interactive 1.0.712001 from the tool manifest), cell by
/// cell over stdio: this is what catches a dependency the real kernel cannot load (as Plotly.NET could not). One
/// session per lesson holds what took four (every cell, every cell again, the teacher's and the student's checks).
/// </summary>
[Collection("lessons")]
public sealed class OfficialKernelLessonTests(ITestOutputHelper log)
{
    /// <summary>
    /// The lesson's session of attempts (ExerciseAttempts: every cell of the teacher version, each exercise untouched,
    /// wrong in each scripted way, then solved), cell by cell, **each cell run twice in a row**, as a learner re-runs
    /// cells: leftovers of the first run (containers, networks, a taken port) never make the second fail. Only the
    /// untouched exercises fail, asking for code; each check shows its verdict (the check mime type reaches the front
    /// end) the same both times; charts arrive as Plotly bundles; and nothing is left once the kernel is gone.
    /// </summary>
    [DockerTheory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public async Task Every_cell_runs_twice_in_the_official_kernel_with_the_checks_verdicts(string name)
    {
        var (exit, output, error) = Prerequisites.Run("dotnet", ["tool", "restore"], Paths.RepoRoot);
        Assert.True(exit == 0, $"dotnet tool restore failed:\n{output}{error}");
        if (!LessonNotebook.RunsOnThisEngine(name))
        {
            // A lesson whose metadata requires a rootful Linux engine stops at its cluster cell on rootless, saying why.
            await using var refusing = await OfficialKernel.StartAsync(new OfficialKernelOptions { WorkingDirectory = LessonNotebook.Directory, ToolDirectory = Paths.RepoRoot });
            var cells = await refusing.RunNotebookAsync(LessonNotebook.PathOf(name), stopOnUnexpected: true, cellTimeout: TimeSpan.FromMinutes(2));
            var refusal = Assert.Single(cells, c => c.IsUnexpected);
            Assert.Equal(LessonNotebook.ClusterCell, refusal.CellId);
            Assert.Contains("rootless engine", refusal.Submission.FailureMessage);
            return;
        }

        await LessonExerciseTests.InSiblingFolderAsync(async folder =>
        {
            var (session, expected) = await LessonExerciseTests.WriteSessionAsync(name, folder);
            var document = NotebookDocument.Load(session);
            int? kernelPid;
            var runs = new List<(NotebookCell Cell, KernelSubmission First, KernelSubmission Second)>();
            await using (var kernel = await OfficialKernel.StartAsync(new OfficialKernelOptions { WorkingDirectory = Path.GetDirectoryName(session)!, ToolDirectory = Paths.RepoRoot }))
            {
                kernelPid = kernel.KernelProcessId;
                foreach (var cell in document.Cells.Where(c => c.IsCode && c.Source.Trim().Length > 0))
                {
                    var language = cell.KernelNameOr(document.DefaultKernelName);
                    var first = await kernel.SubmitCodeAsync(cell.Source, language, TimeSpan.FromMinutes(2));
                    var second = await kernel.SubmitCodeAsync(cell.Source, language, TimeSpan.FromMinutes(2));
                    runs.Add((cell, first, second));
                    log.WriteLine($"{cell.Id} {(first.Succeeded ? "ok" : "FAILED")} {first.Duration.TotalSeconds:0.00} s, again {(second.Succeeded ? "ok" : "FAILED")} {second.Duration.TotalSeconds:0.00} s");
                }
            }

            static bool Untouched(NotebookCell c) => c.Source.Contains(SolutionRegions.FailingLine, StringComparison.Ordinal);
            var unexpected = runs.Where(r => !Untouched(r.Cell))
                .SelectMany(r => new[] { (r.Cell.Id, Run: 1, r.First), (r.Cell.Id, Run: 2, r.Second) })
                .Where(r => !r.Item3.Succeeded).Select(r => $"{r.Id} (run {r.Run}): {r.Item3.FailureMessage}").ToList();
            Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
            Assert.All(runs.Where(r => Untouched(r.Cell)).SelectMany(r => new[] { r.First, r.Second }),
                s => Assert.Contains("This exercise is waiting for your code.", s.FailureMessage));

            static IReadOnlyList<(bool, string)> Verdicts(IEnumerable<KernelSubmission> submissions) =>
                submissions.SelectMany(s => s.DisplayedValues.Where(v => v.MimeType == MimeTypes.Check))
                    .Select(v => JsonNode.Parse(v.Value)!).Select(v => ((bool)v["passed"]!, (string)v["message"]!)).ToList();
            ExerciseAttempts.AssertVerdicts(expected, Verdicts(runs.Select(r => r.First)));
            Assert.Equal(Verdicts(runs.Select(r => r.First)).Select(v => v.Item1), Verdicts(runs.Select(r => r.Second)).Select(v => v.Item1));

            // The charts reach VS Code as Plotly mime bundles, not only as the HTML fallback.
            var shown = runs.SelectMany(r => r.First.DisplayedValues).ToList();
            if (LessonNotebook.DrawsCharts(name)) Assert.Contains(shown, v => v.MimeType == MimeTypes.Plotly);
            Assert.Contains(shown, v => v.MimeType == "text/html" && v.Value.Contains("Linux engine", StringComparison.Ordinal));

            // The lesson's last cell cleaned up; the kernel is gone, so anything left would be a leak.
            var (_, left, _) = DockerCli.Run("ps", "-aq", "--filter", $"label=courseware.owner.pid={kernelPid}");
            Assert.Equal("", left.Trim());
            return 0;
        });
    }
}
