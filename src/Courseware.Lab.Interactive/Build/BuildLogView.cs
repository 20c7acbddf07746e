using System.Globalization;
using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>One frame of a live build log: what the notebook output shows at a moment.</summary>
internal sealed record BuildLogView(string Title, IReadOnlyList<string> Tail, int LineCount, string? Step, TimeSpan Elapsed, bool Finished)
{
    public string ToHtml()
    {
        var seconds = Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var state = Finished
            ? $"<span class=\"cw-muted\">{LineCount} lines, {seconds} s</span>"
            : $"<span class=\"cw-info\">● running</span> <span class=\"cw-muted\">{LineCount} lines, {seconds} s</span>";
        var step = !Finished && Step is not null ? $"<div>{Code(Step)}</div>" : "";
        var cut = Tail.Count < LineCount ? $"<div class=\"cw-muted\">… last {Tail.Count} of {LineCount} lines</div>" : "";
        var log = LineCount == 0 ? "<div class=\"cw-muted\">waiting for the engine…</div>" : cut + Pre(string.Join('\n', Tail), "cw-log");
        return Root($"<div class=\"cw-card\"><div class=\"cw-title\">{E(Title)} {state}</div>{step}{log}</div>");
    }

    public string ToText() =>
        $"{Title} ({LineCount} lines, {Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{(Finished ? "" : ", running")})\n" + string.Join('\n', Tail);
}
