using Courseware.Lab;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Lessons;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Jupyter;

/// <summary>
/// Every lesson, unchanged, executed by Jupyter's own nbconvert (Debian's jupyter-nbconvert, through nbclient and
/// jupyter_client) in the courseware kernel: valid nbformat, no error output, every check passed, the same facts the
/// runner's lesson tests assert, and nothing left on the engine once the kernel has shut down.
/// </summary>
[Collection("lessons")]
public sealed class JupyterLessonTests
{
    [DockerTheory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public async Task The_lesson_runs_in_the_courseware_kernel_under_nbconvert(string name)
    {
        using var sandbox = await JupyterSandbox.CreateAsync();
        var output = Paths.NewOutputDirectory("jupyter-" + name);
        var (exit, stdout, stderr) = await sandbox.RunAsync(Prerequisites.SystemPython,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=courseware-csharp",
             "--ExecutePreprocessor.timeout=300", "--output-dir", output, LessonNotebook.PathOf(name)],
            LessonNotebook.Directory, TimeSpan.FromMinutes(10));
        var kernelPid = Regex.Match(stderr, @"\[courseware kernel\] pid (\d+)");
        Assert.True(kernelPid.Success, $"the kernel never started:\n{stdout}\n{stderr}");
        // The kernel is gone (nbconvert shut it down): whatever carries its pid would be a leak.
        LessonRuns.AssertNothingLeft(int.Parse(kernelPid.Groups[1].Value));

        if (!LessonNotebook.RunsOnThisEngine(name))
        {
            // A rootless engine cannot host the nodes (the lesson requires a rootful Linux engine): the lesson stops at the cluster cell, saying why, with no stack trace.
            Assert.True(exit != 0, "nbconvert should stop at the cluster cell on a rootless engine");
            Assert.Contains("UnsupportedEngineException", stderr);
            Assert.Contains("This engine cannot host a cluster of Docker nodes", stderr);
            Assert.Contains("rootless engine", stderr);
            Assert.DoesNotContain("   at Courseware.", stderr);
            return;
        }

        // nbconvert's own traceback is long and the reason (a cell's error, a dead kernel) is at its end: that goes first.
        Assert.True(exit == 0, $"nbconvert exited {exit}; its last lines:\n{LastLines(stderr, 25)}\n\nall of stdout:\n{stdout}\n\nall of stderr:\n{stderr}");
        var lesson = new ExecutedNotebook(Path.Combine(output, LessonNotebook.FileOf(name)));
        NbformatValidation.AssertValid(lesson.Path);
        Assert.All(lesson.CodeCells, c => Assert.NotNull(ExecutedNotebook.ExecutionCount(c)));
        Assert.All(lesson.CodeCells, c => Assert.DoesNotContain(ExecutedNotebook.Outputs(c), o => (string?)o["output_type"] == "error"));
        var checkCells = lesson.CodeCells.Where(c => ExecutedNotebook.Tags(c).Contains("check")).ToList();
        Assert.NotEmpty(checkCells);
        foreach (var cell in checkCells)
        {
            var check = Assert.Single(LessonNotebook.Bundles(cell, MimeTypes.Check));
            Assert.True((bool?)check["passed"] == true, check.ToJsonString());
        }

        // Charts: the plotly mime type (VS Code, JupyterLab) plus an HTML drawing (Jupyter Notebook), and plotly.js
        // itself sent once in the session, before the first.
        var outputs = lesson.CodeCells.SelectMany(ExecutedNotebook.Outputs).ToList();
        var figures = outputs.Where(o => o["data"]?[MimeTypes.Plotly] is JsonObject).ToList();
        var loaders = outputs.Where(o => ExecutedNotebook.Join(o["data"]?[MimeTypes.Html]).Contains("sent once per session by the courseware kernel")).ToList();
        if (LessonNotebook.DrawsCharts(name))
        {
            Assert.NotEmpty(figures);
            Assert.All(figures, f => Assert.Contains("class=\"courseware-plotly\"", ExecutedNotebook.Join(f["data"]![MimeTypes.Html])));
            Assert.Single(loaders);
            Assert.True(outputs.IndexOf(loaders[0]) < outputs.IndexOf(figures[0]), "plotly.js must come before the first figure");
        }
        else Assert.Empty(figures);

        await LessonFacts.AssertAsync(name, lesson);
    }

    private static string LastLines(string text, int count) => string.Join('\n', text.TrimEnd().Split('\n').TakeLast(count));
}
