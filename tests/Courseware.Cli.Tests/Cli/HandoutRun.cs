using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// The handout fixture (no Docker: a card, a check, a chart, a 200-character code line, wide tables) run once per test
/// process with every format; the tests of the PDF, the page and nbconvert's export read the same outputs.
/// </summary>
public static class HandoutRun
{
    public const string Notebook = "handout.ipynb";
    /// <summary>The end of the fixture's 200-character code line.</summary>
    public const string LastToken = "\"TheLastTokenOnTheLongLine\";";
    public const string ChartTitle = "Round trips by network driver";
    public const string Link = "https://docs.docker.com/engine/network/";

    private static readonly Lazy<Task<string>> Output = new(async () =>
    {
        var output = Paths.NewOutputDirectory("handout");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture(Notebook), "--output", output, "--format", "ipynb,html,pdf"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return output;
    });

    public static async Task<string> PathOfAsync(string extension) =>
        Path.Combine(await Output.Value, Path.ChangeExtension(Notebook, extension));
}
