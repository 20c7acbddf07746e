using System.Diagnostics;
using System.Net;
using System.Text;

namespace Courseware.Cli.Figures;

/// <summary>
/// A terminal screenshot as a PNG: a command and what it printed, drawn by headless Chromium. The lesson's original
/// figures were terminal screenshots; these are the same, but from a real run and regenerable.
/// </summary>
public static class TerminalFigure
{
    public static string Html(string command, string output)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
            .Append("html,body{margin:0;background:#1e1e1e}")
            .Append(".term{font:13px/1.45 'DejaVu Sans Mono',Menlo,Consolas,monospace;color:#d4d4d4;padding:14px 18px;white-space:pre}")
            .Append(".bar{background:#323233;height:26px;display:flex;align-items:center;gap:7px;padding:0 12px}")
            .Append(".dot{width:11px;height:11px;border-radius:50%}.prompt{color:#6a9955}.cmd{color:#dcdcaa}")
            .Append("</style></head><body><div class=\"bar\"><span class=\"dot\" style=\"background:#ff5f56\"></span>")
            .Append("<span class=\"dot\" style=\"background:#ffbd2e\"></span><span class=\"dot\" style=\"background:#27c93f\"></span></div>")
            .Append("<div class=\"term\"><span class=\"prompt\">$ </span><span class=\"cmd\">").Append(WebUtility.HtmlEncode(command))
            .Append("</span>\n").Append(WebUtility.HtmlEncode(output.TrimEnd())).Append("</div></body></html>");
        return page.ToString();
    }

    /// <summary>Renders the page with headless Chromium (no network) at a size that fits the text.</summary>
    public static async Task RenderAsync(string command, string output, string pngPath, CancellationToken cancellationToken)
    {
        string chromium;
        try
        {
            chromium = Export.BrowserLocator.Find();
        }
        catch (Export.BrowserNotFoundException e)
        {
            throw new InvalidOperationException(e.Message);
        }
        var lines = output.TrimEnd().Split('\n');
        var width = Math.Clamp((Math.Max(lines.Max(l => l.Length), command.Length + 2) * 8) + 48, 480, 1800);
        // Headless Chromium paints nothing into very short windows: keep a minimum height.
        var height = Math.Max(220, (lines.Length + 1) * 19 + 26 + 34);
        var work = Directory.CreateTempSubdirectory("courseware-figure");
        try
        {
            var html = Path.Combine(work.FullName, "figure.html");
            await File.WriteAllTextAsync(html, Html(command, output), cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}", $"--window-size={width},{height}",
                $"--screenshot={Path.GetFullPath(pngPath)}", new Uri(html).AbsoluteUri,
            })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || !File.Exists(pngPath))
                throw new InvalidOperationException($"chromium could not render {pngPath}: {await stderr.ConfigureAwait(false)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
