using Courseware.Cli.Export;
using PuppeteerSharp;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// An exported page in headless Chromium (Debian's, never a downloaded one), started the way the runner starts it for
/// PDFs (<see cref="HeadlessChromium"/>), with the network cut off: only file: and data: URLs load (and, for a served
/// page, its own loopback origin); anything else is recorded in <see cref="Blocked"/> and aborted. Page and console
/// errors are recorded in <see cref="Problems"/>.
/// </summary>
public sealed class OfflinePage : IAsyncDisposable
{
    private readonly DirectoryInfo _profile;
    private readonly IBrowser _browser;

    private OfflinePage(DirectoryInfo profile, IBrowser browser, IPage tab)
    {
        _profile = profile;
        _browser = browser;
        Tab = tab;
    }

    public IPage Tab { get; }
    public List<string> Problems { get; } = [];
    public List<string> Blocked { get; } = [];

    public static Task<OfflinePage> OpenAsync(string htmlPath, int width = 1100, int height = 1300) =>
        OpenAsync(new Uri(htmlPath).AbsoluteUri, origin: null, width, height);

    /// <summary>
    /// A page a server on this machine's loopback serves (the Jupyter Notebook server): its own origin loads, with its
    /// websockets; everything else is still recorded in <see cref="Blocked"/> and aborted.
    /// </summary>
    public static Task<OfflinePage> OpenServedAsync(Uri url, int width = 1100, int height = 1300) =>
        OpenAsync(url.AbsoluteUri, new Uri(url.GetLeftPart(UriPartial.Authority)), width, height);

    private static async Task<OfflinePage> OpenAsync(string url, Uri? origin, int width, int height)
    {
        Assert.True(Prerequisites.Browser is null, Prerequisites.Browser);
        var profile = Directory.CreateTempSubdirectory("courseware-chromium-");
        var browser = await HeadlessChromium.LaunchAsync(Prerequisites.Chromium, profile.FullName, origin);
        var tab = await browser.NewPageAsync();
        var page = new OfflinePage(profile, browser, tab);
        await tab.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        tab.PageError += (_, e) => { lock (page.Problems) page.Problems.Add("page error: " + e.Message); };
        tab.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (page.Problems) page.Problems.Add("console error: " + e.Message.Text); };
        await HeadlessChromium.KeepOfflineAsync(tab, blocked => { lock (page.Blocked) page.Blocked.Add(blocked); }, origin);
        await tab.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
        return page;
    }

    public Task<T> EvalAsync<T>(string expression) => Tab.EvaluateExpressionAsync<T>(expression);

    /// <summary>A full-page screenshot (and the page itself) kept in the test output for a person to look at.</summary>
    public async Task KeepAsync(string htmlPath, string name)
    {
        await ScreenshotAsync(name);
        File.Copy(htmlPath, Path.Combine(Paths.Artifacts, name + ".html"), overwrite: true);
    }

    /// <summary>A full-page screenshot in the test output: artifacts/NAME.png.</summary>
    public Task ScreenshotAsync(string name) =>
        Tab.ScreenshotAsync(Path.Combine(Paths.Artifacts, name + ".png"), new ScreenshotOptions { FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Tab.DisposeAsync();
        await _browser.DisposeAsync();
        try { _profile.Delete(recursive: true); } catch (IOException) { }
    }
}
