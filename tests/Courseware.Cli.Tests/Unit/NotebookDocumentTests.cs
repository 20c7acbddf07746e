using System.Text.Json.Nodes;
using Courseware.Cli.Export;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Tests.Unit;

public sealed class NotebookDocumentTests
{
    [Fact]
    public void Normalizing_gives_every_cell_a_stable_unique_id_and_polyglot_metadata()
    {
        var json = NotebookJson.Of(NotebookJson.Markdown("# a"), NotebookJson.Code("1"), NotebookJson.Code("1"));
        var first = NotebookDocument.Parse(json);
        var second = NotebookDocument.Parse(json);

        first.NormalizeForPolyglot();
        second.NormalizeForPolyglot();

        var ids = first.Cells.Select(c => c.Id!).ToList();
        Assert.Equal(ids, second.Cells.Select(c => c.Id!));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id));
        Assert.Equal(5, first.FormatMinor);
        Assert.Equal(".net-csharp", (string?)first.Metadata["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)first.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.All(first.Cells.Where(c => c.IsCode), c => Assert.Equal("csharp", c.KernelName));
    }

    [Fact]
    public void Normalizing_adds_the_standard_language_info_fields_and_keeps_what_is_there()
    {
        var bare = NotebookDocument.Parse(NotebookJson.Of(NotebookJson.Code("1")));
        var root = JsonNode.Parse(NotebookJson.Of(NotebookJson.Code("1")))!.AsObject();
        root["metadata"]!["language_info"] = new JsonObject { ["name"] = "polyglot-notebook", ["version"] = "13.0" };
        var polyglot = NotebookDocument.Parse(root.ToJsonString());

        bare.NormalizeForPolyglot();
        polyglot.NormalizeForPolyglot();

        foreach (var document in new[] { bare, polyglot })
        {
            var info = document.Metadata["language_info"]!;
            Assert.Equal(("polyglot-notebook", "csharp", ".cs", "text/x-csharp"),
                ((string?)info["name"], (string?)info["pygments_lexer"], (string?)info["file_extension"], (string?)info["mimetype"]));
        }
        Assert.Equal("13.0", (string?)polyglot.Metadata["language_info"]!["version"]);
    }

    [Fact]
    public void What_the_runner_does_not_know_is_written_back_unchanged()
    {
        var raw = new JsonObject { ["cell_type"] = "raw", ["id"] = "raw-1", ["metadata"] = new JsonObject { ["format"] = "text/x-rst" }, ["source"] = "raw text" };
        var markdown = NotebookJson.Markdown("![x](attachment:x.png)");
        markdown["id"] = "md-1";
        markdown["attachments"] = new JsonObject { ["x.png"] = new JsonObject { ["image/png"] = "iVBORw0KGgo=" } };
        var code = NotebookJson.Code("1");
        code["id"] = "code-1";
        code["metadata"]!["custom"] = new JsonObject { ["keep"] = true };
        var root = JsonNode.Parse(NotebookJson.Of(raw, markdown, code))!.AsObject();
        root["metadata"]!["authors"] = new JsonArray("someone");

        var document = NotebookDocument.Parse(root.ToJsonString());
        var written = JsonNode.Parse(IpynbWriter.ToJson(document))!;

        Assert.Equal("raw", (string?)written["cells"]![0]!["cell_type"]);
        Assert.Equal("text/x-rst", (string?)written["cells"]![0]!["metadata"]!["format"]);
        Assert.Equal("iVBORw0KGgo=", (string?)written["cells"]![1]!["attachments"]!["x.png"]!["image/png"]);
        Assert.True((bool)written["cells"]![2]!["metadata"]!["custom"]!["keep"]!);
        Assert.Equal("someone", (string?)written["metadata"]!["authors"]![0]);
        Assert.Equal(["raw-1", "md-1", "code-1"], written["cells"]!.AsArray().Select(c => (string?)c!["id"]));
    }

    [Fact]
    public void Source_is_read_from_a_string_or_lines_and_written_as_lines()
    {
        var cell = NotebookJson.Code("");
        cell["source"] = new JsonArray("a\n", "b");
        var document = NotebookDocument.Parse(NotebookJson.Of(cell));
        Assert.Equal("a\nb", document.Cells[0].Source);
        document.Cells[0].Source = "x\ny\n";
        Assert.Equal(["x\n", "y\n"], document.Cells[0].Json["source"]!.AsArray().Select(l => (string?)l));
    }

    [Fact]
    public void A_file_that_is_not_nbformat_4_is_refused_with_the_reason()
    {
        Assert.Contains("not valid JSON", Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse("{", "x.ipynb")).Message);
        Assert.Contains("nbformat 3", Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse("""{"cells":[],"nbformat":3}""", "x.ipynb")).Message);
        Assert.Contains("no \"cells\"", Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse("""{"nbformat":4}""", "x.ipynb")).Message);
    }
}
