using Courseware.Cli.Export;

namespace Courseware.Cli.Tests.Unit;

public sealed class BrowserLocatorTests
{
    [Fact]
    public void With_no_chromium_anywhere_the_error_says_how_to_install_one_or_name_one()
    {
        var empty = Directory.CreateTempSubdirectory("courseware-path-");
        try
        {
            var error = Assert.Throws<BrowserNotFoundException>(() => BrowserLocator.Find(null, null, "/nonexistent/chromium", empty.FullName));
            Assert.Equal("no Chromium found (/nonexistent/chromium is missing and none of chromium, chromium-browser, google-chrome, google-chrome-stable is on PATH). " +
                         "Install it (Debian/Ubuntu: sudo apt-get install chromium), or point --browser or COURSEWARE_CHROMIUM at a Chromium or Chrome executable.",
                error.Message);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void The_option_wins_over_the_variable_and_the_variable_over_the_usual_places()
    {
        var dir = Directory.CreateTempSubdirectory("courseware-browsers-");
        try
        {
            var option = Path.Combine(dir.FullName, "my-chrome");
            var variable = Path.Combine(dir.FullName, "their-chromium");
            var onPath = Path.Combine(dir.FullName, "chromium-browser");
            foreach (var file in new[] { option, variable, onPath }) File.WriteAllText(file, "");

            Assert.Equal(option, BrowserLocator.Find(option, variable, "/nonexistent/chromium", dir.FullName));
            Assert.Equal(variable, BrowserLocator.Find(null, variable, "/nonexistent/chromium", dir.FullName));
            Assert.Equal(onPath, BrowserLocator.Find(null, null, "/nonexistent/chromium", dir.FullName));
            Assert.Equal(variable, BrowserLocator.Find(null, variable, onPath, dir.FullName));
            Assert.Contains("--browser /nonexistent/chrome: no such file. Install it", Assert.Throws<BrowserNotFoundException>(
                () => BrowserLocator.Find("/nonexistent/chrome", variable, onPath, dir.FullName)).Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
