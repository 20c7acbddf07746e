using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;
using Courseware.Lab;
using Markdig;

namespace Courseware.Cli.Export;

/// <summary>
/// One self-contained HTML page per notebook: prose through Markdig, code with its outputs, images inline and plotly
/// figures drawn by a plotly.js embedded once in the page, so the page works offline and from a CI artifact.
/// </summary>
public static partial class HtmlExporter
{

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static readonly string[] ImageTypes = [MimeTypes.Png, "image/jpeg", "image/gif", "image/webp"];

    public static void Write(NotebookDocument document, string path)
    {
        AtomicFile.WriteAllText(path, Export(document));
    }

    public static string Export(NotebookDocument document)
    {
        var body = new StringBuilder();
        var plots = 0;
        AppendNotebook(body, document, "", ref plots);
        return Page(Title(document), body.ToString(), plots > 0);
    }

    /// <summary>The learning path's page (index.html beside the lessons): every lesson, its time, and this run's result.</summary>
    public static string ExportIndex(string title, IReadOnlyList<CourseIndexEntry> entries) =>
        Page(title, $"<section class=\"course-cover\">\n<h1>{Escape(title)}</h1>\n<p>Take the lessons in this order: each builds on the ones before it.</p>\n{CourseIndex.Table(entries)}</section>\n", hasPlots: false);

    /// <summary>
    /// Every notebook in one page, in order, for one PDF (the course book): a cover with the learning path's table (its
    /// titles link to each lesson in the book), then each notebook from a new page with its own score table. Anchors
    /// carry the notebook's number, since cell ids and chart ids are unique only within a notebook.
    /// </summary>
    public static string ExportBook(string title, IReadOnlyList<NotebookDocument> documents, IReadOnlyList<NotebookRunResult?> results)
    {
        var body = new StringBuilder();
        var entries = documents.Select((d, i) => CourseIndex.EntryFor(d, results[i], "#" + BookAnchor(i))).ToList();
        body.Append("<section class=\"course-cover\">\n<h1>").Append(Escape(title)).Append("</h1>\n<h2>Contents</h2>\n").Append(CourseIndex.Table(entries)).Append("</section>\n");
        var plots = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            body.Append("<section class=\"book-notebook\" id=\"").Append(BookAnchor(i)).Append("\">\n");
            AppendNotebook(body, documents[i], BookAnchor(i) + "-", ref plots);
            body.Append("</section>\n");
        }
        return Page(title, body.ToString(), plots > 0);
    }

    private static string BookAnchor(int index) => $"notebook-{index + 1}";

    private static string Page(string title, string body, bool hasPlots)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"courseware run\">\n")
            .Append("<title>").Append(Escape(title)).Append("</title>\n")
            .Append("<style>\n").Append(PageStyle.Css).Append("</style>\n");
        if (hasPlots)
        {
            page.Append("<script>/* plotly.js ").Append(PlotlyVersion).Append(" (MIT licence, (c) Plotly, Inc.), embedded by courseware */\n")
                .Append(PlotlyJs.Source).Append("\n</script>\n");
        }
        page.Append("</head>\n<body>\n<main class=\"notebook\">\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>A notebook's score table and cells; <paramref name="anchorPrefix"/> keeps its anchors apart from other notebooks' in a book.</summary>
    private static void AppendNotebook(StringBuilder body, NotebookDocument document, string anchorPrefix, ref int plots)
    {
        body.Append(ScoreTable(document, anchorPrefix));
        foreach (var cell in document.Cells)
        {
            if (cell.IsMarkdown) RenderMarkdownCell(body, cell, document.Path is null ? null : Path.GetDirectoryName(Path.GetFullPath(document.Path)));
            else if (cell.IsCode) RenderCodeCell(body, cell, anchorPrefix, ref plots);
            else body.Append("<section class=\"cell raw\"><pre>").Append(Escape(cell.Source)).Append("</pre></section>\n");
        }
    }

    /// <summary>The run's check score at the top of the page: one row per check, its verdict and what it verified or hints.</summary>
    private static string ScoreTable(NotebookDocument document, string anchorPrefix)
    {
        if (CheckTally.ReadFrom(document) is not { Total: > 0 } score) return "";
        var html = new StringBuilder();
        html.Append("<section class=\"score ").Append(score.Passed == score.Total ? "all-passed" : "not-all-passed").Append("\">\n")
            .Append("<h2>Checks: ").Append(score.Passed).Append('/').Append(score.Total).Append(" passed</h2>\n")
            .Append("<table><thead><tr><th></th><th>check</th><th>verified, or the hint</th></tr></thead><tbody>\n");
        foreach (var result in score.Results)
        {
            html.Append("<tr class=\"").Append(result.Passed ? "passed" : "failed").Append("\"><td>").Append(result.Passed ? "✓" : "✗")
                .Append("</td><td><a href=\"#").Append(anchorPrefix).Append("cell-").Append(Escape(result.CellId)).Append("\">").Append(Escape(result.Title)).Append("</a></td><td>")
                .Append(Escape(result.Message)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n</section>\n");
        return html.ToString();
    }

    /// <summary>The lesson's title (metadata courseware.title), else its first level-1 heading, else its file name: the tab's and the PDF footer's.</summary>
    internal static string Title(NotebookDocument document)
    {
        if (document.Metadata["courseware"]?["title"] is JsonValue value && value.TryGetValue<string>(out var title) && title.Trim().Length > 0)
            return title.Trim();
        var heading = document.Cells.Where(c => c.IsMarkdown)
            .SelectMany(c => c.Source.Split('\n'))
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? document.Name : heading[2..].Trim();
    }

    private static void RenderMarkdownCell(StringBuilder html, NotebookCell cell, string? notebookDirectory)
    {
        var rendered = Markdig.Markdown.ToHtml(cell.Source, Markdown);
        if (notebookDirectory is not null)
        {
            // Figures the prose references (../images/ps.png) are inlined: the page is read far from the repository.
            rendered = LocalImageReference().Replace(rendered, m =>
            {
                var relative = WebUtility.HtmlDecode(m.Groups["path"].Value).TrimStart('/');
                var file = Path.GetFullPath(Path.Combine(notebookDirectory, relative));
                var mime = Path.GetExtension(file).ToLowerInvariant() switch
                {
                    ".png" => MimeTypes.Png,
                    ".jpg" or ".jpeg" => "image/jpeg",
                    ".gif" => "image/gif",
                    ".svg" => "image/svg+xml",
                    _ => null,
                };
                return mime is null || !File.Exists(file) ? m.Value : $"<img src=\"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(file))}\"";
            });
        }
        if (cell.Attachments is { } attachments)
        {
            // Pasted images are stored in the cell and referenced as attachment:NAME.
            rendered = AttachmentReference().Replace(rendered, m =>
            {
                var name = WebUtility.HtmlDecode(m.Groups["name"].Value);
                if (attachments[name] is not JsonObject bundle) return m.Value;
                var (mime, data) = bundle.Select(p => (p.Key, NotebookCell.JoinMultiline(p.Value))).FirstOrDefault();
                return mime is null ? m.Value : $"src=\"data:{mime};base64,{data.Replace("\n", "")}\"";
            });
        }
        html.Append("<section class=\"cell markdown\">\n").Append(rendered).Append("</section>\n");
    }

    private static void RenderCodeCell(StringBuilder html, NotebookCell cell, string anchorPrefix, ref int plots)
    {
        var outputs = cell.Outputs.OfType<JsonObject>().ToList();
        var hasError = outputs.Any(o => o["output_type"]?.GetValue<string>() == "error");
        var classes = new List<string> { "cell", "code" };
        if (cell.HasTag(NotebookCell.RaisesExceptionTag)) classes.Add("expected-error");
        else if (hasError) classes.Add("failed");
        if (cell.HasTag(NotebookCell.ParametersTag)) classes.Add("parameters");
        if (cell.HasTag(NotebookCell.InjectedParametersTag)) classes.Add("injected-parameters");

        html.Append("<section class=\"").Append(string.Join(' ', classes)).Append("\" id=\"").Append(anchorPrefix).Append("cell-").Append(Escape(cell.Id ?? "")).Append("\">\n");
        var label = cell.HasTag(NotebookCell.InjectedParametersTag) ? "injected parameters"
            : cell.HasTag(NotebookCell.ParametersTag) ? "parameters"
            : cell.HasTag(NotebookCell.RaisesExceptionTag) ? "expected to fail" : null;
        html.Append("<div class=\"input\"><div class=\"prompt\">[").Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ").Append("]</div>");
        if (label is not null) html.Append("<div class=\"tag\">").Append(label).Append("</div>");
        html.Append("<pre><code class=\"language-").Append(Escape(cell.KernelName ?? "csharp")).Append("\">");
        AppendCodeLines(html, cell.Source);
        html.Append("</code></pre></div>\n");
        if (outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in outputs) RenderOutput(html, output, ref plots);
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>
    /// One block per source line, so that a long line wraps at the cell's width with a hanging indent: its continuation
    /// starts a few columns right of the line's own indentation (--indent, in characters). The newline stays inside the
    /// block, so the code's text (copy, search) is exactly the source.
    /// </summary>
    private static void AppendCodeLines(StringBuilder html, string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.TakeWhile(c => c is ' ' or '\t').Sum(c => c == '\t' ? PageStyle.TabSize : 1);
            html.Append("<span class=\"line\"");
            if (indent > 0) html.Append(" style=\"--indent:").Append(indent).Append('"');
            html.Append('>').Append(Escape(line));
            if (i < lines.Length - 1) html.Append('\n');
            html.Append("</span>");
        }
    }

    private static void RenderOutput(StringBuilder html, JsonObject output, ref int plots)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() == "stderr" ? "stderr" : "stdout";
                html.Append("<pre class=\"output stream ").Append(name).Append("\">")
                    .Append(Escape(StripAnsi(NotebookCell.JoinMultiline(output["text"])))).Append("</pre>\n");
                break;
            case "error":
                var traceback = output["traceback"] is JsonArray lines ? string.Join("\n", lines.Select(l => l?.GetValue<string>() ?? "")) : "";
                html.Append("<div class=\"output error\"><div class=\"ename\">")
                    .Append(Escape(output["ename"]?.GetValue<string>() ?? "Error")).Append(": ")
                    .Append(Escape(output["evalue"]?.GetValue<string>() ?? "")).Append("</div>");
                if (traceback.Length > 0) html.Append("<pre>").Append(Escape(StripAnsi(traceback))).Append("</pre>");
                html.Append("</div>\n");
                break;
            case "display_data" or "execute_result":
                if (output["data"] is JsonObject data) RenderBundle(html, data, ref plots);
                break;
        }
    }

    private static void RenderBundle(StringBuilder html, JsonObject data, ref int plots)
    {
        if (data[MimeTypes.Plotly] is { } figure)
        {
            var id = $"plotly-{++plots}";
            html.Append("<div class=\"output plotly\"><div id=\"").Append(id).Append("\" class=\"plotly-figure\"></div><script>\n")
                .Append(PlotlyJs.DrawScript(id, figure)).Append("\n</script></div>\n");
            return;
        }
        if (data[MimeTypes.Html] is { } htmlValue)
        {
            html.Append("<div class=\"output html\">").Append(NotebookCell.JoinMultiline(htmlValue)).Append("</div>\n");
            return;
        }
        if (data["image/svg+xml"] is { } svg)
        {
            html.Append("<div class=\"output image\">").Append(NotebookCell.JoinMultiline(svg)).Append("</div>\n");
            return;
        }
        foreach (var type in ImageTypes)
        {
            if (data[type] is not { } image) continue;
            html.Append("<div class=\"output image\"><img alt=\"\" src=\"data:").Append(type).Append(";base64,")
                .Append(NotebookCell.JoinMultiline(image).Replace("\n", "")).Append("\"></div>\n");
            return;
        }
        if (data["text/markdown"] is { } markdown)
        {
            html.Append("<div class=\"output markdown\">").Append(Markdig.Markdown.ToHtml(NotebookCell.JoinMultiline(markdown), Markdown)).Append("</div>\n");
            return;
        }
        var json = data.FirstOrDefault(p => OutputCollector.IsJsonMimeType(p.Key));
        if (json.Value is not null)
        {
            var text = json.Value is JsonValue jv && jv.TryGetValue<string>(out var raw) ? raw
                : json.Value.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            html.Append("<pre class=\"output json\">").Append(Escape(text)).Append("</pre>\n");
            return;
        }
        var plain = data[MimeTypes.PlainText] ?? data.FirstOrDefault().Value;
        if (plain is not null)
            html.Append("<pre class=\"output text\">").Append(Escape(StripAnsi(NotebookCell.JoinMultiline(plain)))).Append("</pre>\n");
    }

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Inside a script element "&lt;/script" ends it and "&lt;!--" changes how the parser reads on; in JavaScript strings
    /// (and JSON) "&lt;\/" and "&lt;\!" mean the same characters, so escaping them changes nothing else.
    /// </summary>
    private static string StripAnsi(string text) => AnsiEscape().Replace(text, "");

    [GeneratedRegex("\u001b\\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex("src=\"attachment:(?<name>[^\"]+)\"")]
    private static partial Regex AttachmentReference();

    public const string PlotlyVersion = PlotlyJs.Version;


    [GeneratedRegex("<img src=\"(?!https?:|data:|attachment:)(?<path>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex LocalImageReference();
}
