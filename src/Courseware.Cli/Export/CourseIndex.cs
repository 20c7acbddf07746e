using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Export;

/// <summary>One lesson on the learning path: what the index page and the course book's cover show for it.</summary>
public sealed record CourseIndexEntry(string Title, string Link, string Objectives, int? Minutes, string? Needs, string Result, bool? Passed);

/// <summary>
/// The learning path at a glance (<c>index.html</c> beside the lessons, and the course book's cover): each lesson's
/// title, what it teaches in one line (its "What you will be able to do" list), the estimated time
/// (metadata.courseware.minutes), the engine it needs (metadata.courseware.requires) and how this run went.
/// </summary>
public static partial class CourseIndex
{
    /// <summary>The page's file name (without .html), beside the lessons' own pages.</summary>
    public const string FileName = "index";

    /// <summary>The heading of the objectives a lesson opens with (docs/lesson format).</summary>
    private const string ObjectivesHeading = "## What you will be able to do";

    /// <summary>What a requirement in metadata.courseware.requires means to a learner choosing an engine.</summary>
    private static readonly Dictionary<string, string> Requirements = new(StringComparer.Ordinal)
    {
        ["rootful-linux"] = "a rootful Linux engine (not Docker Desktop, not rootless)",
        // The lesson runs on any engine; its LAN neighbour is wired on a rootful Linux engine only (elsewhere its cells say what one shows).
        ["lan-neighbour"] = "a rootful Linux engine for its LAN neighbour (on others it runs, and says what the neighbour would show)",
    };

    public static CourseIndexEntry EntryFor(NotebookDocument document, NotebookRunResult? result, string link)
    {
        var courseware = document.Metadata["courseware"] as JsonObject;
        var minutes = courseware?["minutes"] is JsonValue m && m.TryGetValue<int>(out var value) ? value : (int?)null;
        var needs = (courseware?["requires"] as JsonArray ?? []).Select(r => (string?)r).OfType<string>()
            .Select(r => Requirements.GetValueOrDefault(r, r)).ToList();
        var (text, passed) = Outcome(result);
        return new CourseIndexEntry(HtmlExporter.Title(document), link, Objectives(document), minutes,
            needs.Count == 0 ? null : string.Join("; ", needs), text, passed);
    }

    /// <summary>How the run went, in the words of the run's own summary.</summary>
    private static (string Text, bool? Passed) Outcome(NotebookRunResult? result) => result switch
    {
        null => ("not run", null),
        { NotOnThisEngine: true } => ("⊘ not on this engine", null),
        { Checks.Total: > 0 } r => ($"{(r.Succeeded ? "✓" : "✗")} {r.Checks.Passed}/{r.Checks.Total} checks", r.Succeeded),
        { Succeeded: true } => ("✓ ran", true),
        _ => ("✗ failed", false),
    };

    /// <summary>The lesson's objectives in one line: the items of its "What you will be able to do" list, plain text.</summary>
    internal static string Objectives(NotebookDocument document)
    {
        var cell = document.Cells.FirstOrDefault(c => c.IsMarkdown && c.Source.TrimStart().StartsWith(ObjectivesHeading, StringComparison.Ordinal));
        if (cell is null) return "";
        var items = cell.Source.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal) || ListNumber().IsMatch(l))
            .Select(l => PlainText(ListNumber().Replace(l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal) ? l[2..] : l, "")).TrimEnd('.', ';'));
        return string.Join(" · ", items);
    }

    /// <summary>Markdown's emphasis, code marks and links, dropped: the line is read in a table cell.</summary>
    private static string PlainText(string markdown) =>
        MarkdownLink().Replace(markdown, "$1").Replace("**", "").Replace("`", "").Trim();

    /// <summary>The index as a table; each title links to <see cref="CourseIndexEntry.Link"/> (a page, or an anchor in the book).</summary>
    public static string Table(IReadOnlyList<CourseIndexEntry> entries)
    {
        var html = new StringBuilder();
        html.Append("<table class=\"course-index\"><thead><tr><th>#</th><th>lesson</th><th>what you will be able to do</th><th>time</th><th>result</th></tr></thead><tbody>\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            html.Append("<tr><td>").Append(i + 1).Append("</td><td><a href=\"").Append(HtmlExporter.Escape(e.Link)).Append("\">").Append(HtmlExporter.Escape(e.Title)).Append("</a>");
            if (e.Needs is not null) html.Append("<br><span class=\"needs\">needs ").Append(HtmlExporter.Escape(e.Needs)).Append("</span>");
            html.Append("</td><td>").Append(HtmlExporter.Escape(e.Objectives)).Append("</td><td>")
                .Append(e.Minutes is { } minutes ? $"about {minutes} min" : "").Append("</td><td class=\"")
                .Append(e.Passed switch { true => "passed", false => "failed", null => "neutral" }).Append("\">")
                .Append(HtmlExporter.Escape(e.Result)).Append("</td></tr>\n");
        }
        var total = entries.Sum(e => e.Minutes ?? 0);
        html.Append("</tbody></table>\n");
        if (total > 0) html.Append("<p class=\"course-total\">").Append(entries.Count).Append(" lessons, about ").Append(total).Append(" minutes in all.</p>\n");
        return html.ToString();
    }

    [GeneratedRegex(@"^\d+\.\s+")]
    private static partial Regex ListNumber();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();
}
