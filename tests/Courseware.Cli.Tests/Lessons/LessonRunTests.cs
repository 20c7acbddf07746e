using Courseware.Cli.Notebooks;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>Lessons use fixed container names and host ports: they never run at the same time.</summary>
[CollectionDefinition("lessons", DisableParallelization = true)]
public sealed class LessonsCollection;

/// <summary>
/// Every lesson, run top to bottom by `courseware run` against the real engine, shows what its prose claims
/// (LessonFacts, by lesson id), and its exported page draws offline.
/// </summary>
[Collection("lessons")]
public sealed class LessonRunTests
{
    /// <summary>The exported lesson, offline in Chromium: every chart drawn, tables and figures there, no script error.</summary>
    internal static async Task AssertHtmlRendersAsync(ExecutedNotebook lesson, int charts)
    {
        var html = Path.ChangeExtension(lesson.Path, ".html");
        await using var browser = await OfflinePage.OpenAsync(html);
        await browser.Tab.WaitForFunctionAsync($"() => document.querySelectorAll('.plotly-figure .main-svg').length >= {charts}", new PuppeteerSharp.WaitForFunctionOptions { Timeout = 30_000 });
        var drawn = await browser.EvalAsync<int>("document.querySelectorAll('.plotly-figure').length");
        var tables = await browser.EvalAsync<int>("document.querySelectorAll('.output table').length");
        var brokenImages = await browser.EvalAsync<int>("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length");
        await browser.KeepAsync(html, "lesson-" + Path.GetFileNameWithoutExtension(html));

        Assert.Equal(charts, drawn);
        Assert.True(tables >= 3, $"only {tables} tables in the outputs");
        Assert.Equal(0, brokenImages);
        Assert.Empty(browser.Problems);
        Assert.Empty(browser.Blocked);
    }


    /// <summary>
    /// The charts each lesson's page draws, by lesson id; the multi-host lesson has its own test (Lesson07MultiHostTests),
    /// since it needs a rootful engine and its run is shared with its own assertions.
    /// </summary>
    private static readonly Dictionary<string, int> ChartsPerLesson = new()
    {
        ["exposing-ports"] = 1,
        ["container-to-host"] = 0,
        ["who-can-reach-your-ports"] = 1,
        ["under-the-hood"] = 2,
        ["container-to-container"] = 1,
        ["names-and-dns"] = 1,
    };

    public static IEnumerable<object[]> Lessons() => ChartsPerLesson.Select(l => new object[] { l.Key, l.Value });

    [Fact]
    public void Every_lesson_but_the_multi_host_one_is_run_here()
    {
        Assert.Equal(LessonNotebook.All().Select(a => (string)a[0]).Where(id => id != "multi-host-networking").Order(StringComparer.Ordinal),
            ChartsPerLesson.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Each lesson run top to bottom by `courseware run`: what its prose claims, and its page drawn offline with its charts.</summary>
    [DockerTheory]
    [MemberData(nameof(Lessons))]
    public async Task The_lesson_shows_what_its_prose_claims_and_its_page_draws_its_charts(string id, int charts)
    {
        var lesson = await LessonRuns.DefaultAsync(id);

        await LessonFacts.AssertAsync(id, lesson);
        await AssertHtmlRendersAsync(lesson, charts);
    }

    [DockerFact]
    public async Task Lesson_01_inlines_the_figures_its_prose_shows()
    {
        var lesson = await LessonRuns.DefaultAsync("exposing-ports");

        Assert.Contains("<img src=\"data:image/png;base64,", File.ReadAllText(Path.ChangeExtension(lesson.Path, ".html")));
    }

    [DockerFact]
    public async Task Lesson_01_with_another_host_port_really_serves_the_page_there()
    {
        var lesson = await LessonRuns.RunAsync("exposing-ports", "--param", "hostPort=18090", "--format", "ipynb,html");

        var injected = Assert.Single(lesson.Tagged(NotebookCell.InjectedParametersTag));
        Assert.Contains("hostPort = 18090;", ExecutedNotebook.Source(injected));
        Assert.Contains("0.0.0.0:18090 → 80/tcp", Text(lesson, "run-exercise4"));
        Assert.Contains("GET http://localhost:18090/ → 200 OK", Text(lesson, "curl-exercise4"));
        Assert.Contains("GET http://localhost:18091/ → 200 OK", Text(lesson, "run-my-mapping"));
        Assert.Contains("Host port 18090 is already allocated", Text(lesson, "run-clash"));
        Assert.Contains("Nothing answered at http://localhost:18098/", Text(lesson, "reveal-loopback-app"));
    }
}
