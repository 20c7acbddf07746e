using System.Net;

namespace Courseware.Lab.Interactive;

/// <summary>Escaping for every piece of data that goes into markup: names, logs and page bodies come from containers.</summary>
internal static class Html
{
    /// <summary>Text content and attribute values alike: WebUtility encodes &lt; &gt; &amp; " and '.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string E(object? value) => E(value?.ToString());

    /// <summary>A root element with the shared style sheet, so each output stands alone.</summary>
    public static string Root(string body, string extraClass = "") =>
        $"<div class=\"cw{(extraClass.Length == 0 ? "" : " " + extraClass)}\">{LabCss.Style}{body}</div>";

    public static string Badge(string text, string tone = "") =>
        $"<span class=\"cw-badge{(tone.Length == 0 ? "" : " cw-" + tone)}\">{E(text)}</span>";

    /// <summary>A two-column key/value table; values are already-escaped HTML, empty rows are left out.</summary>
    public static string KeyValues(IEnumerable<(string Key, string? ValueHtml)> rows)
    {
        var body = string.Concat(rows.Where(r => !string.IsNullOrEmpty(r.ValueHtml)).Select(r => $"<tr><th>{E(r.Key)}</th><td>{r.ValueHtml}</td></tr>"));
        return $"<table class=\"cw-kv\">{body}</table>";
    }

    public static string Code(string? text) => $"<code>{E(text)}</code>";

    public static string Pre(string? text, string extraClass = "") =>
        $"<pre class=\"cw-pre{(extraClass.Length == 0 ? "" : " " + extraClass)}\">{E(text)}</pre>";

    public static string Collapsible(string summary, string innerHtml, bool open = false) =>
        $"<details{(open ? " open" : "")}><summary>{E(summary)}</summary>{innerHtml}</details>";

    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rowsHtml, string emptyText = "(none)")
    {
        var head = string.Concat(headers.Select(h => $"<th>{E(h)}</th>"));
        var rows = rowsHtml.Select(r => "<tr>" + string.Concat(r.Select(c => $"<td>{c}</td>")) + "</tr>").ToList();
        if (rows.Count == 0) rows.Add($"<tr><td colspan=\"{headers.Count}\" class=\"cw-muted\">{E(emptyText)}</td></tr>");
        return $"<table class=\"cw-table\"><thead><tr>{head}</tr></thead><tbody>{string.Concat(rows)}</tbody></table>";
    }

    /// <summary>Lines joined with &lt;br&gt;, each escaped.</summary>
    public static string Lines(IEnumerable<string> lines) => string.Join("<br>", lines.Select(E));

    public static string Ms(double? ms) => ms is double v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " ms" : "–";
}
