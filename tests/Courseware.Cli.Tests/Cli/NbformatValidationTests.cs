using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>Every executed notebook must pass Jupyter's own validator and open in Polyglot's reader.</summary>
public sealed class NbformatValidationTests
{
    [NbformatFact]
    public async Task Executed_notebooks_are_valid_nbformat_4_5()
    {
        var output = Paths.NewOutputDirectory("nbformat");
        string[] fixtures = ["values.ipynb", "relative-reference.ipynb", "expected-error.ipynb", "failing.ipynb", "endless.ipynb", "progress.ipynb", "plotly.ipynb"];

        var run = await CoursewareProcess.RunAsync(["run", .. fixtures.Select(Paths.Fixture), "--output", output, "--format", "ipynb", "--keep-going", "--cell-timeout", "5"]);

        Assert.Equal(1, run.ExitCode); // failing.ipynb and endless.ipynb fail, on purpose
        foreach (var fixture in fixtures)
            NbformatValidation.AssertValid(Path.Combine(output, fixture));
    }
}
