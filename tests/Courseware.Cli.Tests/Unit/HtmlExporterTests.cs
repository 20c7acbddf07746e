using System.Text.Json.Nodes;
using Courseware.Cli.Export;
using Courseware.Cli.Notebooks;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Unit;

public sealed class HtmlExporterTests
{
    private static JsonObject WithOutputs(JsonObject cell, params JsonObject[] outputs)
    {
        cell["outputs"] = new JsonArray(outputs.Cast<JsonNode?>().ToArray());
        cell["execution_count"] = 1;
        return cell;
    }

    private static JsonObject Display(string mime, JsonNode value) => new()
    {
        ["data"] = new JsonObject { [mime] = value },
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };

    private static readonly JsonObject Figure = new() { ["data"] = new JsonArray(new JsonObject { ["type"] = "bar", ["y"] = new JsonArray(1, 2) }) };

    [Fact]
    public void Plotly_is_embedded_once_however_many_figures_and_not_at_all_without_one()
    {
        var notebook = NotebookDocument.Parse(NotebookJson.Of(
            WithOutputs(NotebookJson.Code("a"), Display(MimeTypes.Plotly, Figure.DeepClone())),
            WithOutputs(NotebookJson.Code("b"), Display(MimeTypes.Plotly, Figure.DeepClone()))));

        var html = HtmlExporter.Export(notebook);

        Assert.Equal(1, Count(html, "/* plotly.js " + HtmlExporter.PlotlyVersion));
        Assert.Equal(2, Count(html, "Plotly.newPlot('plotly-"));
        Assert.DoesNotContain("<script src=", html);

        var plain = HtmlExporter.Export(NotebookDocument.Parse(NotebookJson.Of(NotebookJson.Code("1"))));
        Assert.DoesNotContain("plotly.js", plain);
    }

    [Fact]
    public void Outputs_render_by_mime_type_html_as_is_text_escaped_images_inline_errors_styled()
    {
        var error = new JsonObject { ["ename"] = "InvalidOperationException", ["evalue"] = "boom <x>", ["output_type"] = "error", ["traceback"] = new JsonArray("\u001b[31mred\u001b[0m") };
        var notebook = NotebookDocument.Parse(NotebookJson.Of(
            NotebookJson.Markdown("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            WithOutputs(NotebookJson.Code("var x = \"<tag>\";"),
                Display("text/html", "<table id=\"t\"><tr><td>1</td></tr></table>"),
                Display("text/plain", "<not html>"),
                Display("image/png", "iVBORw0KGgo="),
                error)));

        var html = HtmlExporter.Export(notebook);

        Assert.Contains("<title>Title</title>", html);
        Assert.Contains("<table>", html); // Markdown pipe table through Markdig's advanced extensions
        Assert.Contains("<table id=\"t\">", html);
        Assert.Contains("&lt;not html&gt;", html);
        Assert.Contains("var x = &quot;&lt;tag&gt;&quot;;", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("class=\"output error\"", html);
        Assert.Contains("boom &lt;x&gt;", html);
        Assert.Contains(">red<", html); // ANSI colours stripped
        Assert.Contains("class=\"cell code failed\"", html);
    }

    [Fact]
    public void A_figure_cannot_end_its_script_element_early()
    {
        // Stored as a JSON string, as some writers do, so the text reaches the page as it is.
        JsonNode figure = JsonValue.Create("""{"data":[],"layout":{"title":"</script><script>alert(1)</script>"}}""");
        var html = HtmlExporter.Export(NotebookDocument.Parse(NotebookJson.Of(WithOutputs(NotebookJson.Code("a"), Display(MimeTypes.Plotly, figure)))));
        Assert.DoesNotContain("</script><script>alert", html);
        Assert.Contains("<\\/script><script>alert(1)<\\/script>", html);
    }

    private static int Count(string text, string fragment)
    {
        var count = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
