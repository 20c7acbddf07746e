using System.Net;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 01 as a handout: the PDF `courseware run --format pdf` printed from its executed page, read back with
/// poppler-utils the way a reader's tools see it.
/// </summary>
[Collection("lessons")]
public sealed partial class Lesson01HandoutTests
{
    private const string Lesson = "exposing-ports";

    [GeneratedRegex(@"<code>(docker run [^<]*)</code>")]
    private static partial Regex ShownDockerRun();

    [GeneratedRegex(@"\]\((https?://[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string Squash(string text) => Whitespace().Replace(text, "");

    [DockerFact]
    public async Task Lesson_01_prints_to_a_pdf_with_its_headings_cli_twins_score_charts_and_links_and_no_blank_page()
    {
        var lesson = await LessonRuns.DefaultAsync(Lesson);
        var pdf = new PdfDocument(Path.ChangeExtension(lesson.Path, ".pdf"));
        File.Copy(pdf.Path, Path.Combine(Paths.Artifacts, "lesson-01.pdf"), overwrite: true);
        var text = pdf.FlatText();

        Assert.InRange(pdf.Pages, 10, 60);
        Assert.Equal("Lesson 01: Exposing ports and communicating with containers", pdf.InfoField("Title"));
        var markdown = lesson.MarkdownCells.Select(ExecutedNotebook.Source).ToList();
        var headings = markdown.SelectMany(m => m.Split('\n')).Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(h => Whitespace().Replace(h[3..].Replace("`", ""), " ").Trim()).ToList();
        Assert.True(headings.Count >= 8, $"only {headings.Count} headings");
        Assert.All(headings, h => Assert.Contains(h, text));

        // A card's CLI twin, as the cell's output shows it.
        var twin = WebUtility.HtmlDecode(ShownDockerRun().Match(string.Concat(ExecutedNotebook.Outputs(lesson.Cell("run-exercise4"))
            .Select(o => ExecutedNotebook.Join(o["data"]?["text/html"])))).Groups[1].Value);
        Assert.StartsWith("docker run ", twin);
        Assert.Contains(Squash(twin), Squash(text));

        // The score table is on page one.
        var checks = lesson.Root["metadata"]!["courseware"]!["checks"]!;
        Assert.Contains($"Checks: {(int)checks["passed"]!}/{(int)checks["total"]!} passed", pdf.FlatText(1));

        // Every chart drawn (its title is plotly's SVG text; colour fills its page), and no fallback table.
        foreach (var title in new[] { "Published ports: host → container → container port" })
        {
            var page = Assert.Single(pdf.PagesWith(title));
            var image = pdf.Render(page);
            Assert.True(image.ColouredPixels() > image.Pixels / 100, $"page {page} ({title}) has only {image.ColouredPixels()} coloured pixels of {image.Pixels}");
        }
        Assert.DoesNotContain("Plotly is not loaded", text);

        var links = markdown.SelectMany(m => MarkdownLink().Matches(m).Select(l => l.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Contains(l, pdf.Urls));

        for (var page = 1; page <= pdf.Pages; page++)
        {
            var image = pdf.Render(page);
            Assert.True(image.InkPixels() > image.Pixels / 100, $"page {page} of {pdf.Pages} is (nearly) blank");
            Assert.Matches($@"{page}\s*/\s*{pdf.Pages}\s*$", pdf.Text(page).TrimEnd('\f', '\n', ' '));
        }
    }
}
