using Courseware.Cli.Tests.Support;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Courseware.Cli.Tests.Cli;

/// <summary>Every executed notebook must pass Jupyter's own validator and open in Polyglot's reader.</summary>
public sealed class NbformatValidationTests
{
    [NbformatFact]
    public async Task Executed_notebooks_are_valid_nbformat_4_5()
    {
        Assert.True(Prerequisites.Nbformat is null, Prerequisites.Nbformat);
        var output = Paths.NewOutputDirectory("nbformat");
        string[] fixtures = ["values.ipynb", "relative-reference.ipynb", "expected-error.ipynb", "failing.ipynb", "endless.ipynb", "progress.ipynb", "plotly.ipynb"];

        var run = await CoursewareProcess.RunAsync(["run", .. fixtures.Select(Paths.Fixture), "--output", output, "--format", "ipynb", "--keep-going", "--cell-timeout", "5"]);

        Assert.Equal(1, run.ExitCode); // failing.ipynb and endless.ipynb fail, on purpose
        foreach (var fixture in fixtures)
        {
            var path = Path.Combine(output, fixture);
            var (exit, stdout, stderr) = Prerequisites.Run(Prerequisites.SystemPython, ["-c", """
                import sys, nbformat
                nb = nbformat.read(sys.argv[1], as_version=4)
                nbformat.validate(nb)
                assert (nb.nbformat, nb.nbformat_minor) >= (4, 5), (nb.nbformat, nb.nbformat_minor)
                assert all('id' in c for c in nb.cells)
                print(len(nb.cells))
                """, path]);
            Assert.True(exit == 0, $"{fixture} is not valid nbformat:\n{stderr}{stdout}");
            var polyglot = Notebook.Parse(File.ReadAllText(path));
            Assert.Equal(int.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture), polyglot.Elements.Count);
        }
    }
}
