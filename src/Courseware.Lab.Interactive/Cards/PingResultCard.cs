using System.Globalization;
using System.Text;
using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>The statistics <c>ping</c> prints, which path the packets took and why, and every reply's round trip.</summary>
internal static class PingResultCard
{
    public static string ToHtml(PingResult p)
    {
        var lossTone = p.Sent == 0 || p.Received == 0 ? "bad" : p.Received < p.Sent ? "warn" : "ok";
        var title = $"<div class=\"cw-title\">PING {E(p.Target)} <span class=\"cw-muted\">({E(p.Address)})</span> from {E(p.From)}" +
                    Badge(p.Path == PingPath.Host ? "from the host" : "from a container", p.Path == PingPath.Host ? "info" : "warn") + "</div>";
        var stats = KeyValues([
            ("Packets", $"<span class=\"cw-{lossTone}\">{p.Sent} sent, {p.Received} received, {p.LossPercent.ToString("0.#", CultureInfo.InvariantCulture)}% loss</span>"),
            ("RTT min/avg/max", p.Received == 0 ? "<span class=\"cw-muted\">–</span>" : $"{Num(p.MinMs)} / {Num(p.AvgMs)} / {Num(p.MaxMs)} ms"),
            ("Command", Code(p.CommandLine)),
            ("Path", $"<b>{E(p.Path.ToString())}</b>: {E(p.Why)}"),
            ("Error", p.Error is null ? null : $"<span class=\"cw-bad\">{E(p.Error)}</span>"),
        ]);
        var replies = p.Replies.Count == 0 ? "" : Collapsible($"Replies ({p.Replies.Count})", Table(["SEQ", "TTL", "TIME"], p.Replies.Select(r => (IReadOnlyList<string>)
        [
            r.Sequence.ToString(CultureInfo.InvariantCulture),
            r.Ttl?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.Received ? Ms(r.RoundTripMs) : "<span class=\"cw-bad\">lost</span>",
        ])), open: p.Replies.Count <= 10);
        return Root($"<div class=\"cw-card\">{title}{stats}{replies}</div>");
    }

    public static string ToText(PingResult p)
    {
        var sb = new StringBuilder(p.ToString());
        sb.Append('\n').Append("path: ").Append(p.Path).Append(" (").Append(p.Why).Append(')');
        foreach (var r in p.Replies) sb.Append('\n').Append("  ").Append(r);
        return sb.ToString();
    }

    private static string Num(double? ms) => ms?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";
}
