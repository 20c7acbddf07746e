using System.Globalization;
using System.Text.RegularExpressions;

namespace Courseware.Cli.Tests.Support;

/// <summary>A PDF read the way a person's tools read it: Debian's poppler-utils (pdfinfo, pdftotext, pdftoppm).</summary>
public sealed partial class PdfDocument
{
    public PdfDocument(string path)
    {
        Assert.True(Prerequisites.Poppler is null, Prerequisites.Poppler);
        Assert.True(File.Exists(path), $"{path} was not written");
        Path = path;
        Info = Poppler("pdfinfo", Path);
        Pages = int.Parse(InfoField("Pages"), CultureInfo.InvariantCulture);
    }

    public string Path { get; }

    /// <summary>pdfinfo's report: title, page count, page size, whether it is tagged.</summary>
    public string Info { get; }

    public int Pages { get; }

    public string InfoField(string name) => Regex.Match(Info, $"^{Regex.Escape(name)}:\\s+(.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();

    /// <summary>The text of every page, or of one (1-based), in reading order.</summary>
    public string Text(int? page = null) =>
        Poppler("pdftotext", page is int p ? ["-f", $"{p}", "-l", $"{p}", "-layout", Path, "-"] : ["-layout", Path, "-"]);

    /// <summary>
    /// The text with every run of white space made one space: a heading or a line may wrap anywhere on paper.
    /// Ligatures (ﬁ) are read as their letters.
    /// </summary>
    public string FlatText(int? page = null) => Whitespace().Replace(Text(page).Normalize(System.Text.NormalizationForm.FormKC), " ");

    /// <summary>The links' targets (pdfinfo -url).</summary>
    public IReadOnlyList<string> Urls =>
        Poppler("pdfinfo", "-url", Path).Split('\n').Skip(1).Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 3).Select(f => f[^1]).ToList();

    /// <summary>The named destinations (pdfinfo -dests), anchors a link can jump to: name → 1-based page.</summary>
    public IReadOnlyDictionary<string, int> Destinations =>
        Poppler("pdfinfo", "-dests", Path).Split('\n').Skip(1).Select(l => Destination().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["page"].Value, CultureInfo.InvariantCulture));

    /// <summary>The 1-based pages whose text holds <paramref name="fragment"/> (white space flattened).</summary>
    public IReadOnlyList<int> PagesWith(string fragment) =>
        Enumerable.Range(1, Pages).Where(p => FlatText(p).Contains(fragment, StringComparison.Ordinal)).ToList();

    /// <summary>One page as pixels (pdftoppm, PPM), at a low resolution: enough to tell ink from paper.</summary>
    public PpmImage Render(int page, int dpi = 40)
    {
        var prefix = System.IO.Path.Combine(Directory.CreateTempSubdirectory("courseware-pdf-page-").FullName, "page");
        Poppler("pdftoppm", "-f", $"{page}", "-l", $"{page}", "-r", $"{dpi}", "-singlefile", Path, prefix);
        var file = prefix + ".ppm";
        try
        {
            return PpmImage.Read(file);
        }
        finally
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static string Poppler(string tool, params string[] args)
    {
        var (exit, output, error) = Prerequisites.Run($"/usr/bin/{tool}", args);
        Assert.True(exit == 0, $"{tool} {string.Join(' ', args)} exited {exit}: {error}");
        return output;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s*(?<page>\d+)\s+\[.*\]\s+""(?<name>[^""]+)""\s*$")]
    private static partial Regex Destination();
}
