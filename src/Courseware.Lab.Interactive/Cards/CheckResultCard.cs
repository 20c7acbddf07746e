using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>A check's verdict: green ✓ with what the engine showed, or red ✗ with the hint. Never a stack trace.</summary>
internal static class CheckResultCard
{
    public static string ToHtml(CheckResult r)
    {
        var body = r.Passed
            ? $"<div class=\"cw-title cw-ok\">✓ {E(r.Title)}</div><div>{Lines(r.Verified.Count == 0 ? [r.Message] : r.Verified)}</div>"
            : $"<div class=\"cw-title cw-bad\">✗ {E(r.Title)}</div><div><span class=\"cw-label\">Hint</span>{E(r.Message)}</div>" +
              (r.Verified.Count == 0 ? "" : $"<div class=\"cw-muted\">Already right: {E(string.Join("; ", r.Verified))}</div>");
        return Root($"<div class=\"cw-box {(r.Passed ? "cw-box-ok" : "cw-box-bad")}\">{body}</div>");
    }

    public static string ToText(CheckResult r) =>
        r.Passed ? $"✓ {r.Title}: {r.Message}"
        : $"✗ {r.Title}\nHint: {r.Message}" + (r.Verified.Count == 0 ? "" : $"\nAlready right: {string.Join("; ", r.Verified)}");
}
