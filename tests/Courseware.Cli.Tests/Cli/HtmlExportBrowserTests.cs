using Courseware.Cli.Tests.Support;
using PuppeteerSharp;

namespace Courseware.Cli.Tests.Cli;

/// <summary>The exported page, opened in headless Chromium with the network cut off.</summary>
public sealed class HtmlExportBrowserTests
{
    [ChromiumFact]
    public async Task Exported_page_draws_plotly_and_tables_offline_without_errors()
    {
        Assert.True(Prerequisites.Browser is null, Prerequisites.Browser);
        var output = Paths.NewOutputDirectory("html");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("plotly.ipynb"), "--output", output, "--format", "html"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var page = Path.Combine(output, "plotly.html");
        Assert.True(File.Exists(page));
        Assert.False(File.Exists(Path.Combine(output, "plotly.ipynb")));

        var profile = Directory.CreateTempSubdirectory("courseware-chromium-");
        try
        {
            await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = Prerequisites.Chromium,
                Headless = true,
                UserDataDir = profile.FullName,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                ],
            });
            await using var tab = await browser.NewPageAsync();
            await tab.SetViewportAsync(new ViewPortOptions { Width = 1100, Height = 1300 });
            var problems = new List<string>();
            var blocked = new List<string>();
            tab.PageError += (_, e) => { lock (problems) problems.Add("page error: " + e.Message); };
            tab.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (problems) problems.Add("console error: " + e.Message.Text); };
            await tab.SetRequestInterceptionAsync(true);
            tab.Request += async (_, e) =>
            {
                var url = e.Request.Url;
                if (url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal))
                    await e.Request.ContinueAsync();
                else
                {
                    lock (blocked) blocked.Add(url);
                    await e.Request.AbortAsync();
                }
            };

            await tab.GoToAsync(new Uri(page).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
            await tab.WaitForSelectorAsync(".main-svg", new WaitForSelectorOptions { Timeout = 30_000 });

            var figures = await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('.plotly-figure .main-svg').length");
            var bars = await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('.plotly-figure .bars path').length");
            var title = await tab.EvaluateExpressionAsync<string>("document.querySelector('.plotly-figure .gtitle')?.textContent ?? ''");
            var tables = await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('table').length");
            var markdownTables = await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('.cell.markdown table').length");
            var image = await tab.EvaluateExpressionAsync<int>("[...document.querySelectorAll('.output.image img')].filter(i => i.complete && i.naturalWidth === 1).length");
            var plotlyScripts = await tab.EvaluateExpressionAsync<int>("[...document.scripts].filter(s => s.text.includes('plotly.js v')).length");
            var scriptSources = await tab.EvaluateExpressionAsync<int>("[...document.scripts].filter(s => s.src).length");
            await tab.ScreenshotAsync(Path.Combine(Paths.Artifacts, "html-export-plotly.png"), new ScreenshotOptions { FullPage = true });
            File.Copy(page, Path.Combine(Paths.Artifacts, "html-export-plotly.html"), overwrite: true);

            Assert.True(figures >= 1, "plotly drew no SVG");
            Assert.Equal(3, bars);
            Assert.Equal("Ping latency by network driver", title);
            Assert.True(tables >= 2, $"expected the Markdown table and the cell's HTML table, found {tables}");
            Assert.Equal(1, markdownTables);
            Assert.Equal(1, image);
            Assert.Equal(1, plotlyScripts);
            Assert.Equal(0, scriptSources);
            Assert.Empty(problems);
            Assert.Empty(blocked);
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
