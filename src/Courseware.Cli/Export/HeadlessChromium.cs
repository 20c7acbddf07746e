using PuppeteerSharp;

namespace Courseware.Cli.Export;

/// <summary>
/// The machine's Chromium, started headless for a page that must work offline: no sandbox (CI runs as root), no
/// background traffic, a proxy on a closed loopback port, and a tab that loads only file: and data: URLs (and, for a
/// page a server on this machine's loopback serves, such as the tests' Jupyter Notebook server, that one origin).
/// </summary>
public static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(string executable, string profileDirectory, Uri? servedOrigin = null) =>
        Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            UserDataDir = profileDirectory,
            // Puppeteer hides scroll bars by default; a reader's browser shows them, and whether a wide output's bar
            // is in view is part of what a page shows.
            IgnoredDefaultArgs = ["--hide-scrollbars"],
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--proxy-server=127.0.0.1:9",
                // A dead proxy for everything, loopback included, except the one origin a served page comes from.
                servedOrigin is null ? "--proxy-bypass-list=<-loopback>" : $"--proxy-bypass-list=<-loopback>;{servedOrigin.Authority}",
            ],
        });

    /// <summary>
    /// Lets the tab load file: and data: URLs only (and <paramref name="servedOrigin"/>'s, when given); every other
    /// request is aborted and handed to <paramref name="blocked"/>.
    /// </summary>
    public static async Task KeepOfflineAsync(IPage tab, Action<string>? blocked = null, Uri? servedOrigin = null)
    {
        await tab.SetRequestInterceptionAsync(true).ConfigureAwait(false);
        tab.Request += async (_, e) =>
        {
            var url = e.Request.Url;
            if (url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal)
                || (servedOrigin is not null && url.StartsWith(servedOrigin.AbsoluteUri, StringComparison.Ordinal)))
                await e.Request.ContinueAsync().ConfigureAwait(false);
            else
            {
                blocked?.Invoke(url);
                await e.Request.AbortAsync().ConfigureAwait(false);
            }
        };
    }
}
