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

        await using var browser = await OfflinePage.OpenAsync(page);
        await browser.Tab.WaitForSelectorAsync(".main-svg", new WaitForSelectorOptions { Timeout = 30_000 });

        var figures = await browser.EvalAsync<int>("document.querySelectorAll('.plotly-figure .main-svg').length");
        var bars = await browser.EvalAsync<int>("document.querySelectorAll('.plotly-figure .bars path').length");
        var title = await browser.EvalAsync<string>("document.querySelector('.plotly-figure .gtitle')?.textContent ?? ''");
        var tables = await browser.EvalAsync<int>("document.querySelectorAll('table').length");
        var markdownTables = await browser.EvalAsync<int>("document.querySelectorAll('.cell.markdown table').length");
        var image = await browser.EvalAsync<int>("[...document.querySelectorAll('.output.image img')].filter(i => i.complete && i.naturalWidth === 1).length");
        var plotlyScripts = await browser.EvalAsync<int>("[...document.scripts].filter(s => s.text.includes('plotly.js v')).length");
        var scriptSources = await browser.EvalAsync<int>("[...document.scripts].filter(s => s.src).length");
        await browser.KeepAsync(page, "html-export-plotly");

        Assert.True(figures >= 1, "plotly drew no SVG");
        Assert.Equal(3, bars);
        Assert.Equal("Ping latency by network driver", title);
        Assert.True(tables >= 2, $"expected the Markdown table and the cell's HTML table, found {tables}");
        Assert.Equal(1, markdownTables);
        Assert.Equal(1, image);
        Assert.Equal(1, plotlyScripts);
        Assert.Equal(0, scriptSources);
        Assert.Empty(browser.Problems);
        Assert.Empty(browser.Blocked);
    }
}
