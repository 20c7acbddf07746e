using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>Lesson 03's table: what the LAN neighbour reached on this engine, beside what each engine version does.</summary>
internal static class LanExposureCard
{
    public static string ToHtml(LanExposureReport report)
    {
        string Cell(bool reachable) => reachable ? "<span class=\"cw-bad\">reachable</span>" : "<span class=\"cw-ok\">blocked</span>";
        var here = report.Live ? $"here (Engine {report.Engine.EngineVersion})" : "here";
        var rows = report.Rows.Select(r => (IReadOnlyList<string>)
        [
            E(r.Description) + (r.Observed is null ? "" : $"<br>{Code(r.Observed.Target)}"),
            r.Observed is null ? "<span class=\"cw-muted\">not tried</span>"
                : Cell(r.Observed.Reachable) + (r.AsExpected ? "" : " <b class=\"cw-bad\">unexpected</b>") +
                  (r.Observed.Detail.Length == 0 ? "" : $"<br><small class=\"cw-muted\">{E(r.Observed.Detail)}</small>"),
            Cell(r.Before28),
            Cell(r.From28),
        ]);
        var note = report.Live ? "" : $"<div class=\"cw-muted\">No neighbour on this engine: {E(report.Why)} The last two columns are what a rootful Linux engine does.</div>";
        return Root($"<div class=\"cw-card\"><div class=\"cw-title\">What a machine on your LAN reaches</div>{note}" +
            Table(["what the neighbour tries", here, "Engine < 28", "Engine ≥ 28"], rows) + "</div>");
    }
}
