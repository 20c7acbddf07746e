using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;
using Markdig;

namespace Courseware.Cli.Export;

/// <summary>
/// One self-contained HTML page per notebook: prose through Markdig, code with its outputs, images inline and plotly
/// figures drawn by a plotly.js embedded once in the page, so the page works offline and from a CI artifact.
/// </summary>
public static partial class HtmlExporter
{
    public const string PlotlyMimeType = PlotlyJs.MimeType;

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static readonly string[] ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static void Write(NotebookDocument document, string path)
    {
        AtomicFile.WriteAllText(path, Export(document));
    }

    public static string Export(NotebookDocument document)
    {
        var body = new StringBuilder();
        var plots = 0;
        foreach (var cell in document.Cells)
        {
            if (cell.IsMarkdown) RenderMarkdownCell(body, cell, document.Path is null ? null : Path.GetDirectoryName(Path.GetFullPath(document.Path)));
            else if (cell.IsCode) RenderCodeCell(body, cell, ref plots);
            else body.Append("<section class=\"cell raw\"><pre>").Append(Escape(cell.Source)).Append("</pre></section>\n");
        }

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"courseware run\">\n")
            .Append("<title>").Append(Escape(Title(document))).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n");
        if (plots > 0)
        {
            page.Append("<script>/* plotly.js ").Append(PlotlyVersion).Append(" (MIT licence, (c) Plotly, Inc.), embedded by courseware */\n")
                .Append(PlotlyJs.Source).Append("\n</script>\n");
        }
        page.Append("</head>\n<body>\n<main class=\"notebook\">\n").Append(ScoreTable(document)).Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>The run's check score at the top of the page: one row per check, its verdict and what it verified or hints.</summary>
    private static string ScoreTable(NotebookDocument document)
    {
        if (CheckTally.ReadFrom(document) is not { Total: > 0 } score) return "";
        var html = new StringBuilder();
        html.Append("<section class=\"score ").Append(score.Passed == score.Total ? "all-passed" : "not-all-passed").Append("\">\n")
            .Append("<h2>Checks: ").Append(score.Passed).Append('/').Append(score.Total).Append(" passed</h2>\n")
            .Append("<table><thead><tr><th></th><th>check</th><th>verified, or the hint</th></tr></thead><tbody>\n");
        foreach (var result in score.Results)
        {
            html.Append("<tr class=\"").Append(result.Passed ? "passed" : "failed").Append("\"><td>").Append(result.Passed ? "✓" : "✗")
                .Append("</td><td><a href=\"#cell-").Append(Escape(result.CellId)).Append("\">").Append(Escape(result.Title)).Append("</a></td><td>")
                .Append(Escape(result.Message)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n</section>\n");
        return html.ToString();
    }

    private static string Title(NotebookDocument document)
    {
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
                    ".png" => "image/png",
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

    private static void RenderCodeCell(StringBuilder html, NotebookCell cell, ref int plots)
    {
        var outputs = cell.Outputs.OfType<JsonObject>().ToList();
        var hasError = outputs.Any(o => o["output_type"]?.GetValue<string>() == "error");
        var classes = new List<string> { "cell", "code" };
        if (cell.HasTag(NotebookCell.RaisesExceptionTag)) classes.Add("expected-error");
        else if (hasError) classes.Add("failed");
        if (cell.HasTag(NotebookCell.ParametersTag)) classes.Add("parameters");
        if (cell.HasTag(NotebookCell.InjectedParametersTag)) classes.Add("injected-parameters");

        html.Append("<section class=\"").Append(string.Join(' ', classes)).Append("\" id=\"cell-").Append(Escape(cell.Id ?? "")).Append("\">\n");
        var label = cell.HasTag(NotebookCell.InjectedParametersTag) ? "injected parameters"
            : cell.HasTag(NotebookCell.ParametersTag) ? "parameters"
            : cell.HasTag(NotebookCell.RaisesExceptionTag) ? "expected to fail" : null;
        html.Append("<div class=\"input\"><div class=\"prompt\">[").Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ").Append("]</div>");
        if (label is not null) html.Append("<div class=\"tag\">").Append(label).Append("</div>");
        html.Append("<pre><code class=\"language-").Append(Escape(cell.KernelName ?? "csharp")).Append("\">")
            .Append(Escape(cell.Source)).Append("</code></pre></div>\n");
        if (outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in outputs) RenderOutput(html, output, ref plots);
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
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
        if (data[PlotlyMimeType] is { } figure)
        {
            var id = $"plotly-{++plots}";
            html.Append("<div class=\"output plotly\"><div id=\"").Append(id).Append("\" class=\"plotly-figure\"></div><script>\n")
                .Append(PlotlyJs.DrawScript(id, figure)).Append("\n</script></div>\n");
            return;
        }
        if (data["text/html"] is { } htmlValue)
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
        var plain = data["text/plain"] ?? data.FirstOrDefault().Value;
        if (plain is not null)
            html.Append("<pre class=\"output text\">").Append(Escape(StripAnsi(NotebookCell.JoinMultiline(plain)))).Append("</pre>\n");
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

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

    private const string Css = """
        :root { color-scheme: light; --border: #d0d7de; --muted: #57606a; --code-bg: #f6f8fa; --error: #cf222e; --expected: #0969da; }
        body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; }
        main.notebook { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
        .cell { margin: 14px 0; }
        .cell.markdown h1, .cell.markdown h2 { border-bottom: 1px solid var(--border); padding-bottom: .25em; }
        .cell.code .input { display: grid; grid-template-columns: 3.5em 1fr; align-items: start; }
        .cell.code .prompt { color: var(--muted); font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding-top: 10px; }
        .cell.code .tag { grid-column: 2; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .cell.code pre { grid-column: 2; margin: 0; }
        pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto;
              font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre; }
        .outputs { margin: 6px 0 0 3.5em; }
        .output { margin: 6px 0; overflow-x: auto; }
        pre.output { background: #fff; }
        pre.stream.stderr { background: #fff8c5; }
        .output.error { border: 1px solid var(--error); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; background: #ffebe9; }
        .output.error .ename { color: var(--error); font-weight: 600; }
        .output.error pre { background: transparent; border: none; padding: 4px 0 0; color: #6e2b2b; }
        .cell.expected-error .output.error { border-color: var(--expected); background: #ddf4ff; }
        .cell.expected-error .output.error .ename { color: var(--expected); }
        .cell.failed .input pre { border-color: var(--error); }
        .cell.injected-parameters .input pre { border-style: dashed; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
        th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: var(--code-bg); }
        img { max-width: 100%; }
        .plotly-figure { width: 100%; min-height: 420px; }
        .score { border: 1px solid var(--border); border-radius: 6px; padding: 4px 16px 8px; margin-bottom: 24px; }
        .score h2 { margin: 8px 0; font-size: 18px; }
        .score.all-passed h2 { color: #1a7f37; }
        .score.not-all-passed h2 { color: var(--error); }
        .score tr.passed td:first-child { color: #1a7f37; }
        .score tr.failed td:first-child { color: var(--error); }
        blockquote { margin: 0; padding: 0 1em; color: var(--muted); border-left: .25em solid var(--border); }
        """;

    [GeneratedRegex("<img src=\"(?!https?:|data:|attachment:)(?<path>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex LocalImageReference();
}
