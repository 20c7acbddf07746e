using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Lessons;
using Courseware.Cli.Tests.Support;
using PuppeteerSharp;

namespace Courseware.Cli.Tests.Jupyter;

/// <summary>
/// A real front end in a real browser: Debian's Jupyter Notebook 6 server on 127.0.0.1, headless Chromium with every
/// other address cut off. Lesson 01 is opened, the Courseware kernel picked from the Kernel menu, and Run All pressed,
/// as a learner would; the DOM then shows the engine card, the ps table, the page preview, drawn Plotly charts (SVG
/// with traces, from the plotly.js the kernel sent) and the checks' ✓, with no error cell. Screenshots go to artifacts/.
/// </summary>
[Collection("lessons")]
public sealed class NotebookBrowserTests
{
    private const string Lesson = "exposing-ports";

    [NotebookBrowserFact]
    public async Task Lesson_01_runs_all_in_jupyter_notebook_with_the_courseware_kernel_and_shows_its_cards_charts_and_checks()
    {
        using var sandbox = await JupyterSandbox.CreateAsync();
        var folder = CopyOfTheLesson(sandbox.Root);
        string log;
        await using (var server = await NotebookServer.StartAsync(sandbox, folder))
        {
            await using (var browser = await OfflinePage.OpenServedAsync(server.NotebookUrl("notebooks/" + LessonNotebook.FileOf(Lesson)), 1280, 1000))
            {
                var tab = browser.Tab;
                await tab.WaitForFunctionAsync("() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded", Wait(60));
                // The notebook names the official kernel (.net-csharp), which this server may not know: its dialog goes.
                await browser.EvalAsync<int>("(document.querySelectorAll('.modal.in button[data-dismiss]').forEach(b => b.click()), 0)");
                await tab.WaitForSelectorAsync("#kernel-submenu-courseware-csharp a", new WaitForSelectorOptions { Timeout = 60_000, Visible = false });
                await browser.EvalAsync<int>("(document.querySelector('#kernel-submenu-courseware-csharp a').click(), 0)");
                await tab.WaitForFunctionAsync(
                    "() => Jupyter.notebook.kernel && Jupyter.notebook.kernel.name === 'courseware-csharp' && Jupyter.notebook.kernel.is_connected()", Wait(60));
                await browser.EvalAsync<int>("(document.querySelectorAll('.modal.in button[data-dismiss]').forEach(b => b.click()), 0)");

                await browser.EvalAsync<int>("(document.querySelector('#run_all_cells a').click(), 0)");
                await tab.WaitForFunctionAsync(
                    "() => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim() !== '')" +
                    ".every(c => typeof c.input_prompt_number === 'number') && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
                    Wait(600));
                // Charts draw once plotly.js has loaded: wait for their SVG.
                await tab.WaitForFunctionAsync("() => document.querySelectorAll('.courseware-plotly .main-svg').length >= 1", Wait(60));

                await browser.ScreenshotAsync("notebook-lesson-01-end");
                await browser.EvalAsync<int>("(Jupyter.notebook.scroll_to_top(), 0)");
                await browser.ScreenshotAsync("notebook-lesson-01-top");
                foreach (var (selector, name) in new[]
                         {
                             (".courseware-plotly", "notebook-lesson-01-chart"), ("table.cw-table", "notebook-lesson-01-ps"),
                             ("iframe.cw-frame", "notebook-lesson-01-page-preview"), (".cw-box-ok", "notebook-lesson-01-check"),
                         })
                {
                    var element = await tab.QuerySelectorAsync(selector);
                    if (element is null) continue;
                    await element.ScrollIntoViewAsync();
                    await element.ScreenshotAsync(Path.Combine(Paths.Artifacts, name + ".png"));
                }

                var codeCells = await browser.EvalAsync<int>("Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim() !== '').length");
                Assert.Equal(LessonCodeCells(), codeCells);
                Assert.Equal(0, await browser.EvalAsync<int>("document.querySelectorAll('.output_error').length"));
                Assert.True(await browser.EvalAsync<bool>("[...document.querySelectorAll('.output_html .cw-card')].some(c => /Docker \\S+ .*engine/.test(c.textContent))"),
                    "no engine card");
                Assert.True(await browser.EvalAsync<bool>("[...document.querySelectorAll('.output_html table.cw-table')].some(t => t.textContent.includes('exercise4') && t.textContent.includes('0.0.0.0:8080->80/tcp'))"),
                    "no ps table with exercise4 on 0.0.0.0:8080");
                Assert.True(await browser.EvalAsync<int>("document.querySelectorAll('.output_html iframe.cw-frame').length") >= 1, "no page preview");
                Assert.True(await browser.EvalAsync<int>("document.querySelectorAll('.courseware-plotly .main-svg').length") >= 1, "the chart is not drawn");
                Assert.True(await browser.EvalAsync<int>("document.querySelectorAll('.courseware-plotly g.trace, .courseware-plotly .sankey-node').length") >= 1, "the chart has no traces (a sankey draws its nodes)");
                var ticks = await browser.EvalAsync<int>("[...document.querySelectorAll('.output_html .cw-box-ok .cw-title.cw-ok')].filter(t => t.textContent.trim().startsWith('✓')).length");
                Assert.Equal(LessonChecks(), ticks);
                Assert.Empty(browser.Blocked);
            }
            log = server.Log;
        }

        // The server is stopped: it shut the kernel down, which removed what the lesson created.
        var kernelPid = Regex.Match(log, @"\[courseware kernel\] pid (\d+)");
        Assert.True(kernelPid.Success, log);
        LessonRuns.AssertNothingLeft(int.Parse(kernelPid.Groups[1].Value));
    }

    private static WaitForFunctionOptions Wait(int seconds) => new() { Timeout = seconds * 1000, PollingInterval = 250 };

    private static int LessonCodeCells() =>
        new ExecutedNotebook(LessonNotebook.PathOf(Lesson)).CodeCells.Count(c => ExecutedNotebook.Source(c).Trim().Length > 0);

    private static int LessonChecks() =>
        new ExecutedNotebook(LessonNotebook.PathOf(Lesson)).CodeCells.Count(c => ExecutedNotebook.Tags(c).Contains("check"));

    /// <summary>
    /// The server autosaves what it runs: it gets a copy of the lesson, beside links to what the lesson reads
    /// relative to itself (the library in build/lab, exercise4, the figures).
    /// </summary>
    private static string CopyOfTheLesson(string root)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "course")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "notebooks"));
        File.Copy(LessonNotebook.PathOf(Lesson), Path.Combine(folder, "notebooks", LessonNotebook.FileOf(Lesson)));
        foreach (var linked in new[] { "build", "exercise4", "images" })
            Directory.CreateSymbolicLink(Path.Combine(folder, linked), Path.Combine(Paths.RepoRoot, linked));
        return folder;
    }
}
