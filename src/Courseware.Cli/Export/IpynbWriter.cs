using Courseware.Cli.Notebooks;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Courseware.Cli.Export;

/// <summary>Writes an executed notebook as nbformat 4.5 that Jupyter and Polyglot Notebooks both open.</summary>
public static class IpynbWriter
{
    public static string ToJson(NotebookDocument document)
    {
        document.NormalizeForPolyglot();
        var json = document.ToJson();
        // Polyglot's own reader is stricter about some shapes than nbformat; a notebook it cannot open is a runner bug.
        var reread = Notebook.Parse(json);
        if (reread.Elements.Count != document.Cells.Count)
            throw new InvalidOperationException($"Polyglot reads {reread.Elements.Count} cells back from {document.Name}, not {document.Cells.Count}.");
        return json;
    }

    public static void Write(NotebookDocument document, string path)
    {
        var json = ToJson(document);
        AtomicFile.WriteAllText(path, json);
    }
}
