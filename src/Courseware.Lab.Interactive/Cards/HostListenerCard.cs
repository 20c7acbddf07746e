using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>A service on the host (ListenOnHost): where it listens, the command it stands for, and who has called it.</summary>
internal static class HostListenerCard
{
    public static string ToHtml(HostListener l)
    {
        var state = l.IsListening ? Badge("listening", "ok") : Badge("stopped", "bad");
        var title = $"<div class=\"cw-title\">Host service on {Code($"{l.Address}:{l.Port}")}{state}</div>";
        var requests = l.Requests;
        var table = Table(["#", "from", "request", "at"],
            requests.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Code(r.From), E($"{r.Method} {r.Path}"), E(r.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))]),
            "(no requests yet)");
        return Root($"<div class=\"cw-card\">{title}<div class=\"cw-muted\">{Code(l.CommandLine)}, in this notebook's own process</div>{table}</div>");
    }
}
