using System.Net;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// The learning path's page: a run over a course (two notebooks or more, html among the formats) writes index.html
/// beside the lessons' pages, one row per lesson in order, from each lesson's metadata and this run's results.
/// Fixtures need no Docker: Fixtures/course holds two small lessons, the second with a check that fails.
/// </summary>
public sealed partial class CourseIndexTests
{
    [Fact]
    public async Task A_course_run_lists_every_lesson_with_its_objectives_time_needs_and_result()
    {
        var output = Paths.NewOutputDirectory("course-index");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("course"), "--output", output, "--format", "ipynb,html"]);

        Assert.True(run.ExitCode == 1, run.ToString());   // the second lesson's check fails, and the index says so
        Assert.Contains($"Index of the 2 lessons: {Path.Combine(output, "index.html")}", run.Output);
        var page = File.ReadAllText(Path.Combine(output, "index.html"));
        File.Copy(Path.Combine(output, "index.html"), Path.Combine(Paths.Artifacts, "course-index.html"), overwrite: true);
        var rows = Row().Matches(page).Select(m => Cells().Matches(m.Value).Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups[1].Value, " ")).Trim()).ToList()).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "Lesson 01: First steps", "Publish a port with -p · Read where a port leads with docker port", "about 10 min", "✓ 2/2 checks"],
            rows[0].Select(c => Regex.Replace(c, @"\s+", " ")));
        Assert.Equal(["2", "Lesson 02: Many hosts needs a rootful Linux engine (not Docker Desktop, not rootless)", "Join three hosts · Ping across them", "about 20 min", "✗ 0/1 checks"],
            rows[1].Select(c => Regex.Replace(c, @"\s+", " ")));
        Assert.Contains("<a href=\"01-first-steps.html\">", page);
        Assert.Contains("<a href=\"02-many-hosts.html\">", page);
        Assert.Contains("2 lessons, about 30 minutes in all.", page);
        Assert.True(File.Exists(Path.Combine(output, "01-first-steps.html")));
    }

    [Fact]
    public async Task A_notebook_run_on_its_own_writes_no_index()
    {
        var output = Paths.NewOutputDirectory("course-index-single");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("course/01-first-steps.ipynb"), "--output", output, "--format", "html"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["01-first-steps.html"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [GeneratedRegex(@"<tr>(?:(?!</tr>).)*<td>(?:(?!</tr>).)*</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cells();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
