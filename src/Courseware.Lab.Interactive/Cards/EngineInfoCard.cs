using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

internal static class EngineInfoCard
{
    public static string ToHtml(EngineInfo e)
    {
        var kind = e.IsDockerDesktop ? Badge("Docker Desktop", "info") : Badge(e.Os == "linux" ? "Linux engine" : e.Os + " engine", "ok");
        var ping = e.HostCanReachContainerIps
            ? "<span class=\"cw-ok\">●</span> Container IPs are routable from this host: <code>ping</code> runs from the host straight to a container's IP."
            : e.IsDockerDesktop
                ? "<span class=\"cw-warn\">●</span> The engine runs in a VM: this host cannot reach container IPs, so pings are sent from a container on the same network instead."
                : "<span class=\"cw-warn\">●</span> This host cannot reach container IPs directly, so pings are sent from a container on the same network instead.";
        var body =
            $"<div class=\"cw-title\">Docker {E(e.EngineVersion)} {kind}</div>" +
            KeyValues([
                ("API", E(e.ApiVersion)),
                ("OS", E(string.IsNullOrEmpty(e.OperatingSystem) ? e.Os : $"{e.OperatingSystem} ({e.Os})")),
                ("Kernel", E(e.KernelVersion)),
                ("Endpoint", Code(e.Endpoint)),
            ]) +
            $"<div>{ping}</div>";
        return Root($"<div class=\"cw-card\">{body}</div>");
    }
}
