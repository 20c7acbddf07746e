using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Issue 18's budgets, on every lesson: a path a learner walks in under 25 minutes, not a reference. At most 40 cells
/// and 1,800 words of prose; code cells of at most 12 lines (check cells aside); the first prediction revealed within
/// the first third; one recap, then "Going further"; an estimated time; and a link to the next lesson.
/// </summary>
public sealed class LessonBudgetTests
{
    public const int MaxCells = 40;
    public const int MaxWords = 1800;
    public const int MaxCodeLines = 12;
    public const int MaxMinutes = 25;

    private static string Source(JsonObject cell) => ExecutedNotebook.Source(cell);

    [Theory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public void The_lesson_fits_its_budget(string id)
    {
        var lesson = LessonNotebook.Load(id);
        var cells = lesson.Cells;

        Assert.True(cells.Count <= MaxCells, $"{id}: {cells.Count} cells, the budget is {MaxCells}");
        var words = lesson.MarkdownCells.Sum(c => Words(Source(c)));
        Assert.True(words <= MaxWords, $"{id}: {words} words of prose, the budget is {MaxWords}");
        var tooLong = lesson.CodeCells.Where(c => !ExecutedNotebook.Tags(c).Contains("check"))
            .Select(c => (Id: ExecutedNotebook.Id(c), Lines: Source(c).TrimEnd().Split('\n').Length))
            .Where(c => c.Lines > MaxCodeLines).ToList();
        Assert.True(tooLong.Count == 0, $"{id}: code cells over {MaxCodeLines} lines: {string.Join(", ", tooLong.Select(c => $"{c.Id} ({c.Lines})"))}");
        var minutes = lesson.Courseware["minutes"] is JsonValue m && m.TryGetValue<int>(out var value) ? value : 0;
        Assert.True(minutes is > 0 and <= MaxMinutes, $"{id}: metadata.courseware.minutes is {minutes}; give an estimate of at most {MaxMinutes}");
    }

    [Theory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public void Predictions_come_early_and_the_lesson_ends_with_one_recap_going_further_and_the_way_on(string id)
    {
        var lesson = LessonNotebook.Load(id);
        var cells = lesson.Cells;
        var reveals = cells.Select((c, i) => (c, i)).Where(x => Source(x.c).Contains("Predict.Reveal(", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.True(reveals.Count >= 3, $"{id}: {reveals.Count} predictions, at least 3");
        Assert.True(reveals[0] < cells.Count / 3.0, $"{id}: the first prediction is revealed at cell {reveals[0] + 1} of {cells.Count}, after the first third");

        var headings = lesson.MarkdownCells.SelectMany(c => Source(c).Split('\n')).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Single(headings, h => h.StartsWith("## Recap", StringComparison.Ordinal));
        Assert.DoesNotContain(headings, h => h.StartsWith("## Summary", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.StartsWith("## Going further", StringComparison.Ordinal));
        Assert.True(headings.FindIndex(h => h.StartsWith("## Recap", StringComparison.Ordinal)) < headings.FindIndex(h => h.StartsWith("## Going further", StringComparison.Ordinal)),
            $"{id}: Going further comes after the recap");

        // The way on: every lesson but the last links to the next one's file.
        var ids = LessonNotebook.All().Select(a => (string)a[0]).ToList();
        var next = ids.IndexOf(id) + 1;
        if (next < ids.Count)
            Assert.Contains(lesson.MarkdownCells, c => Source(c).Contains($"({LessonNotebook.FileOf(ids[next])})", StringComparison.Ordinal));
    }

    /// <summary>Words as a reader counts them: what whitespace separates, if it holds a letter or a digit (not a table's pipes or a list's dash).</summary>
    public static int Words(string markdown) =>
        markdown.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(t => t.Any(char.IsLetterOrDigit));
}
