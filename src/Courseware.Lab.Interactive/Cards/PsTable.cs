using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary><c>docker ps</c> as a table with the CLI's own columns, so the notebook and the terminal look alike.</summary>
internal static class PsTable
{
    private static readonly string[] Headers = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"];

    public static string ToHtml(IEnumerable<PsRow> rows) => ToHtml(rows, DateTimeOffset.UtcNow);

    public static string ToHtml(IEnumerable<PsRow> rows, DateTimeOffset now) =>
        Root(Table(Headers, rows.Select(r => (IReadOnlyList<string>)
        [
            Code(r.ShortId),
            E(r.Image),
            Code(r.Command),
            $"<span title=\"{E(r.Created.ToString("u"))}\">{E(RelativeTime.Ago(r.Created, now))}</span>",
            $"<span class=\"{StateClass(r.State)}\">●</span> {E(r.Status)}",
            string.Join("<br>", r.Ports.Select(p => E(p.ToDockerPs()))),
            $"<b>{E(r.Names)}</b>",
        ]), "No containers."));

    public static string ToText(IEnumerable<PsRow> rows) => ToText(rows, DateTimeOffset.UtcNow);

    public static string ToText(IEnumerable<PsRow> rows, DateTimeOffset now) =>
        TextColumns.Of(Headers, rows.Select(r => (IReadOnlyList<string>)[r.ShortId, r.Image, r.Command, RelativeTime.Ago(r.Created, now), r.Status, r.PortsText, r.Names]));

    public static string StateClass(string state) => state switch
    {
        "running" => "cw-ok",
        "restarting" or "paused" or "created" => "cw-warn",
        "dead" => "cw-bad",
        _ => "cw-muted",
    };
}
