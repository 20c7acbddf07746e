namespace Courseware.Cli.Export;

/// <summary>
/// Finds the Chromium (or Chrome) that prints PDFs and draws figures: the one named by <c>--browser</c>, else by
/// <c>COURSEWARE_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c> (where the tests find it), else the first of the
/// usual names on PATH. Nothing is ever downloaded: a handout is made offline, with the machine's own browser.
/// </summary>
public static class BrowserLocator
{
    public const string EnvironmentVariable = "COURSEWARE_CHROMIUM";
    public const string DebianChromium = "/usr/bin/chromium";

    private static readonly string[] NamesOnPath = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser's path; a <see cref="BrowserNotFoundException"/> saying how to get one when there is none.</summary>
    public static string Find(string? explicitPath = null) =>
        Find(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), DebianChromium, Environment.GetEnvironmentVariable("PATH"));

    internal static string Find(string? explicitPath, string? fromEnvironment, string debianChromium, string? pathVariable)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath)
                : throw new BrowserNotFoundException($"--browser {explicitPath}: no such file. {Fix}");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return File.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment)
                : throw new BrowserNotFoundException($"{EnvironmentVariable}={fromEnvironment}: no such file. {Fix}");
        if (File.Exists(debianChromium)) return debianChromium;
        var onPath = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => NamesOnPath.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new BrowserNotFoundException(
            $"no Chromium found ({debianChromium} is missing and none of {string.Join(", ", NamesOnPath)} is on PATH). {Fix}");
    }

    private static string Fix =>
        $"Install it (Debian/Ubuntu: sudo apt-get install chromium), or point --browser or {EnvironmentVariable} at a Chromium or Chrome executable.";
}
