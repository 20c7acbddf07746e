using Courseware.Cli.Notebooks;
using System.Collections.Concurrent;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Each lesson runs once per test process through `courseware run`; every test class that asserts a part of its prose
/// reads the same executed notebook. The default run is checked for what every run must be: exit 0, valid nbformat,
/// every cell executed without error, nothing left on the engine.
/// </summary>
public static class LessonRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ExecutedNotebook>>> Runs = new();

    /// <summary>
    /// The lesson (by its metadata.courseware.id) as `courseware run notebooks/FILE --format ipynb,html,pdf` left it,
    /// with its HTML and PDF beside it.
    /// </summary>
    public static Task<ExecutedNotebook> DefaultAsync(string id) =>
        Runs.GetOrAdd(id, n => new Lazy<Task<ExecutedNotebook>>(async () =>
        {
            var executed = await RunAsync(n, "--format", "ipynb,html,pdf");
            Assert.True(File.Exists(Path.ChangeExtension(executed.Path, ".pdf")));
            return executed;
        })).Value;

    public static async Task<ExecutedNotebook> RunAsync(string id, params string[] extra)
    {
        var output = Paths.NewOutputDirectory(id);
        var name = LessonNotebook.FileOf(id);
        var run = await CoursewareProcess.RunAsync(["run", LessonNotebook.PathOf(id), "--output", output, .. extra], timeout: TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Notebooks: 1 succeeded, 0 did not", run.Output);
        Assert.DoesNotContain("✗", run.Output);
        AssertNothingLeft(run.ProcessId);
        var executed = new ExecutedNotebook(Path.Combine(output, Path.ChangeExtension(name, ".ipynb")));
        Assert.True(File.Exists(Path.Combine(output, Path.ChangeExtension(name, ".html"))));
        NbformatValidation.AssertValid(executed.Path);
        Assert.All(executed.CodeCells, c => Assert.NotNull(ExecutedNotebook.ExecutionCount(c)));
        Assert.All(executed.CodeCells, c => Assert.DoesNotContain(ExecutedNotebook.Outputs(c), o => (string?)o["output_type"] == "error"));
        // The run keeps every cell's id (tests find cells by it); a --param run adds only its injected-parameters cell.
        Assert.Equal(LessonNotebook.Load(id).Cells.Select(ExecutedNotebook.Id),
            executed.Cells.Where(c => !ExecutedNotebook.Tags(c).Contains(NotebookCell.InjectedParametersTag)).Select(ExecutedNotebook.Id));
        return executed;
    }

    internal static void AssertNothingLeft(int pid)
    {
        // Volumes too: lesson 07's hosts keep /var/lib/docker on named volumes.
        foreach (var kind in new[] { "ps", "network", "volume" })
        {
            string[] args = kind == "ps"
                ? ["ps", "-aq", "--filter", $"label=courseware.owner.pid={pid}"]
                : [kind, "ls", "-q", "--filter", $"label=courseware.owner.pid={pid}"];
            var output = DockerCli.Ok(args);
            Assert.True(output.Trim().Length == 0, $"{kind} left behind by pid {pid}: {output}");
        }
    }
}

/// <summary>The engine the tests run against, as the library sees it: lessons' claims differ by engine and version.</summary>
public static class LiveEngine
{
    private static readonly Lazy<Task<EngineInfo>> Info = new(async () =>
    {
        await using var lab = await DockerLab.ConnectAsync("test-engine-info", new LabOptions { RemoveLeftovers = false });
        return lab.Engine;
    });

    public static Task<EngineInfo> GetAsync() => Info.Value;
}
