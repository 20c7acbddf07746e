using Courseware.Cli.Notebooks;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>Lessons use fixed container names and host ports: they never run at the same time.</summary>
[CollectionDefinition("lessons", DisableParallelization = true)]
public sealed class LessonsCollection;

/// <summary>
/// Both lessons, run top to bottom by `courseware run` against the real engine, show what their prose claims:
/// the page is served on the host port, the IP is found, ping has no loss, names resolve on a user-defined network
/// and not on the default bridge, and networks isolate.
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


    [DockerFact]
    public async Task Lesson_01_serves_the_page_on_the_host_port_finds_the_ip_and_pings_it_without_loss()
    {
        var lesson = await LessonRuns.DefaultAsync("exposing-ports");

        await LessonFacts.Lesson01Async(lesson);
        // The figures the prose shows are inlined into the page.
        Assert.Contains("<img src=\"data:image/png;base64,", File.ReadAllText(Path.ChangeExtension(lesson.Path, ".html")));
        await AssertHtmlRendersAsync(lesson, charts: 1);
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

    [DockerFact]
    public async Task Lesson_03_shows_who_can_reach_a_published_port_a_container_ip_and_a_host_program()
    {
        var lesson = await LessonRuns.DefaultAsync("who-can-reach-your-ports");

        await LessonFacts.WhoCanReachYourPortsAsync(lesson);
        await AssertHtmlRendersAsync(lesson, charts: 1);
    }

    [DockerFact]
    public async Task Lesson_02_shows_whose_localhost_the_loopback_trap_and_a_name_for_the_host()
    {
        var lesson = await LessonRuns.DefaultAsync("container-to-host");

        await LessonFacts.ContainerToHostAsync(lesson);
        await AssertHtmlRendersAsync(lesson, charts: 0);
    }

    [DockerFact]
    public async Task Lesson_05_resolves_names_only_on_a_user_defined_network_and_networks_isolate()
    {
        var lesson = await LessonRuns.DefaultAsync("container-to-container");

        await LessonFacts.Lesson05Async(lesson);
        await AssertHtmlRendersAsync(lesson, charts: 1);
    }

    [DockerFact]
    public async Task Lesson_06_shows_where_names_are_answered()
    {
        var lesson = await LessonRuns.DefaultAsync("names-and-dns");

        await LessonFacts.Lesson06Async(lesson);
        await AssertHtmlRendersAsync(lesson, charts: 1);
    }
}
