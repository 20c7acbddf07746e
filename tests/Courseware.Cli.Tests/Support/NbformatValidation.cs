using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Courseware.Cli.Tests.Support;

/// <summary>Jupyter's own validator (Debian's python3-nbformat) and Polyglot's reader, on one executed notebook.</summary>
public static class NbformatValidation
{
    public static void AssertValid(string path)
    {
        Assert.True(Prerequisites.Nbformat is null, Prerequisites.Nbformat);
        var (exit, stdout, stderr) = Prerequisites.Run(Prerequisites.SystemPython, ["-c", """
            import sys, nbformat
            nb = nbformat.read(sys.argv[1], as_version=4)
            nbformat.validate(nb)
            assert (nb.nbformat, nb.nbformat_minor) >= (4, 5), (nb.nbformat, nb.nbformat_minor)
            assert all('id' in c for c in nb.cells)
            print(len(nb.cells))
            """, path]);
        Assert.True(exit == 0, $"{Path.GetFileName(path)} is not valid nbformat:\n{stderr}{stdout}");
        var polyglot = Notebook.Parse(File.ReadAllText(path));
        Assert.Equal(int.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture), polyglot.Elements.Count);
    }
}
