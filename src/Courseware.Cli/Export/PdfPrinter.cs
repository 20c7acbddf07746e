using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Courseware.Cli.Export;

/// <summary>
/// Prints exported pages to PDF with the machine's headless Chromium (print to PDF, as a reader's browser would):
/// charts drawn by the page's own plotly.js, links kept, the lesson's title and the page number in every footer.
/// One browser serves a whole run and is started on the first page. The network is cut off: only file: and data:
/// URLs load, like the page itself needs.
/// </summary>
public sealed class PdfPrinter : IAsyncDisposable
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>What the page's plotly figures look like once drawn: every figure holds plotly's SVG.</summary>
    private const string ChartsDrawn = "() => [...document.querySelectorAll('.plotly-figure')].every(f => f.querySelector('.main-svg'))";

    // Chromium fills the elements of these classes in; the template's text is its own (tiny by default) document.
    private const string FooterTemplate =
        "<div style=\"font: 8px system-ui, sans-serif; color: #57606a; width: 100%; margin: 0 45px; display: flex; justify-content: space-between;\">" +
        "<span class=\"title\"></span><span><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></span></div>";

    private readonly string? _browserPath;
    private readonly PaperSize _paper;
    private IBrowser? _browser;
    private DirectoryInfo? _profile;

    private PdfPrinter(string? browserPath, string? unavailable, PaperSize paper)
    {
        _browserPath = browserPath;
        Unavailable = unavailable;
        _paper = paper;
    }

    /// <summary>Why no PDF can be made on this machine (no Chromium), with the fix; null when it can.</summary>
    public string? Unavailable { get; }

    /// <summary>A printer with the browser <see cref="BrowserLocator"/> finds; one without, that says why, when there is none.</summary>
    public static PdfPrinter Create(string? explicitBrowser, PaperSize paper)
    {
        try
        {
            return new PdfPrinter(BrowserLocator.Find(explicitBrowser), null, paper);
        }
        catch (BrowserNotFoundException e)
        {
            return new PdfPrinter(null, e.Message, paper);
        }
    }

    /// <summary>Prints <paramref name="htmlPath"/> to <paramref name="pdfPath"/>; a <see cref="PdfException"/> with the reason when it cannot.</summary>
    public async Task PrintAsync(string htmlPath, string pdfPath)
    {
        if (Unavailable is not null) throw new PdfException(Unavailable);
        var temporary = pdfPath + ".tmp";
        try
        {
            var browser = await StartAsync().ConfigureAwait(false);
            await using var tab = await browser.NewPageAsync().ConfigureAwait(false);
            // Laid out for print at the paper's width from the start: plotly sizes each chart to its box when it
            // draws, and a print layout applied only afterwards would not redraw it.
            await tab.EmulateMediaTypeAsync(MediaType.Print).ConfigureAwait(false);
            await tab.SetViewportAsync(new ViewPortOptions { Width = _paper.PrintableWidthPx, Height = 1000 }).ConfigureAwait(false);
            await HeadlessChromium.KeepOfflineAsync(tab).ConfigureAwait(false);
            await tab.GoToAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new NavigationOptions
            {
                WaitUntil = [WaitUntilNavigation.Load],
                Timeout = (int)PageTimeout.TotalMilliseconds,
            }).ConfigureAwait(false);
            await tab.WaitForFunctionAsync(ChartsDrawn, new WaitForFunctionOptions { Timeout = (int)PageTimeout.TotalMilliseconds }).ConfigureAwait(false);
            await tab.PdfAsync(temporary, new PdfOptions
            {
                Format = _paper.Format,
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = FooterTemplate,
                MarginOptions = new MarginOptions
                {
                    Top = $"{PaperSize.TopMarginPx}px",
                    Bottom = $"{PaperSize.BottomMarginPx}px",
                    Left = $"{PaperSize.SideMarginPx}px",
                    Right = $"{PaperSize.SideMarginPx}px",
                },
                Outline = true,
                Tagged = true,
            }).ConfigureAwait(false);
            File.Move(temporary, pdfPath, overwrite: true);
        }
        catch (Exception e) when (e is PuppeteerException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new PdfException(e is WaitTaskTimeoutException
                ? $"a chart did not draw within {PageTimeout.TotalSeconds:0} s in {_browserPath}"
                : $"{_browserPath} could not print {Path.GetFileName(htmlPath)}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Prints a page that exists only in memory (no .html was asked for, or the course book): written to a scratch folder, printed, removed.</summary>
    public async Task PrintPageAsync(string html, string pdfPath)
    {
        if (Unavailable is not null) throw new PdfException(Unavailable);
        var scratch = Directory.CreateTempSubdirectory("courseware-print-");
        try
        {
            var page = Path.Combine(scratch.FullName, Path.ChangeExtension(Path.GetFileName(pdfPath), ".html"));
            await File.WriteAllTextAsync(page, html).ConfigureAwait(false);
            await PrintAsync(page, pdfPath).ConfigureAwait(false);
        }
        finally
        {
            try { scratch.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private async Task<IBrowser> StartAsync()
    {
        if (_browser is not null) return _browser;
        _profile = Directory.CreateTempSubdirectory("courseware-pdf-");
        _browser = await HeadlessChromium.LaunchAsync(_browserPath!, _profile.FullName).ConfigureAwait(false);
        return _browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync().ConfigureAwait(false);
        try { _profile?.Delete(recursive: true); } catch (IOException) { }
    }
}
