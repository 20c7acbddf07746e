using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

internal static class CleanupReportCard
{
    public static string ToHtml(CleanupReport r)
    {
        if (r.Total == 0) return Root("<div class=\"cw-card\"><span class=\"cw-ok\">✔</span> Nothing to remove: this lesson left nothing behind.</div>");
        static string Row(string what, string command, IReadOnlyList<string> names) =>
            names.Count == 0 ? "" : $"<tr><th>{E(what)}</th><td>{Code(command)} {string.Join(" ", names.Select(n => $"<b>{E(n)}</b>"))}</td></tr>";
        var body =
            $"<div class=\"cw-title\"><span class=\"cw-ok\">✔</span> {E(r.ToString())}</div>" +
            "<table class=\"cw-kv\">" +
            Row("Containers", "docker rm -f", r.Containers) +
            Row("Networks", "docker network rm", r.Networks) +
            Row("Images", "docker rmi", r.Images) +
            Row("Volumes", "docker volume rm", r.VolumesRemoved) +
            "</table>";
        return Root($"<div class=\"cw-card\">{body}</div>");
    }
}
