using Courseware.Lab;
using System.Text.Json.Nodes;
using Courseware.Cli.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// complete_request, inspect_request and is_complete_request: the C# kernel's own completions and hover text (what
/// Polyglot showed), with Jupyter's code-point cursor turned into Roslyn's line and UTF-16 character and back.
/// </summary>
public sealed class IntrospectionHandler(Task<InProcessKernel> kernel)
{
    public async Task<JsonObject> CompleteAsync(JsonObject request)
    {
        var code = (string?)request["code"] ?? "";
        var cursor = CodePosition.ToUtf16(code, (int?)request["cursor_pos"] ?? code.Length);
        var start = CodePosition.WordStart(code, cursor);
        var prefix = code[start..cursor];
        var csharp = await kernel.ConfigureAwait(false);
        var produced = await csharp.CompleteAsync(code, CodePosition.ToLinePosition(code, cursor), CancellationToken.None).ConfigureAwait(false);
        var items = (produced?.Completions ?? [])
            .Select(c => (Text: PlainText(c.InsertText ?? c.DisplayText), Kind: c.Kind?.ToLowerInvariant(), Sort: c.SortText ?? c.DisplayText))
            .Where(c => c.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(c => c.Text, StringComparer.Ordinal)
            .OrderBy(c => c.Sort, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var startPoints = CodePosition.ToCodePoints(code, start);
        var endPoints = CodePosition.ToCodePoints(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(items.Select(c => (JsonNode?)JsonValue.Create(c.Text)).ToArray()),
            ["cursor_start"] = startPoints,
            ["cursor_end"] = endPoints,
            ["metadata"] = new JsonObject
            {
                // JupyterLab and VS Code show the kind beside each match.
                ["_jupyter_types_experimental"] = new JsonArray(items.Select(c => (JsonNode?)new JsonObject
                {
                    ["start"] = startPoints,
                    ["end"] = endPoints,
                    ["text"] = c.Text,
                    ["type"] = c.Kind,
                }).ToArray()),
            },
        };
    }

    /// <summary>
    /// The C# kernel writes method completions as LSP snippets (<c>RunAsync($1)</c>); Jupyter inserts matches as they
    /// are, so the placeholders and the parentheses around them go: the learner types the arguments.
    /// </summary>
    private static string PlainText(string insertText) =>
        System.Text.RegularExpressions.Regex.Replace(insertText, @"\(?\$\{?\d+(:[^}]*)?\}?\)?", "");

    public async Task<JsonObject> InspectAsync(JsonObject request)
    {
        var code = (string?)request["code"] ?? "";
        var cursor = CodePosition.ToUtf16(code, (int?)request["cursor_pos"] ?? code.Length);
        var csharp = await kernel.ConfigureAwait(false);
        var hover = await csharp.HoverAsync(code, CodePosition.ToLinePosition(code, cursor), CancellationToken.None).ConfigureAwait(false);
        var data = new JsonObject();
        foreach (var value in hover?.Content ?? [])
            if (!string.IsNullOrWhiteSpace(value.Value) && !data.ContainsKey(value.MimeType)) data[value.MimeType] = value.Value;
        if (data.Count > 0 && !data.ContainsKey(MimeTypes.PlainText))
            data[MimeTypes.PlainText] = string.Join("\n", (hover?.Content ?? []).Select(v => v.Value));
        return new JsonObject { ["status"] = "ok", ["found"] = data.Count > 0, ["data"] = data, ["metadata"] = new JsonObject() };
    }

    /// <summary>Roslyn's own test of a script submission: an open brace or an unfinished statement is incomplete.</summary>
    public static JsonObject IsComplete(JsonObject request)
    {
        var code = (string?)request["code"] ?? "";
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script));
        return SyntaxFactory.IsCompleteSubmission(tree)
            ? new JsonObject { ["status"] = "complete" }
            : new JsonObject { ["status"] = "incomplete", ["indent"] = "" };
    }
}
