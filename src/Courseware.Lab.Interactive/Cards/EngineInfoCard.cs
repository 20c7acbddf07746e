using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

internal static class EngineInfoCard
{
    public static string ToHtml(EngineInfo e)
    {
        var kind = Badge(e.Kind, e.IsDockerDesktop || e.IsRootless ? "info" : "ok");
        var ping = e.HostCanReachContainerIps
            ? $"<span class=\"cw-ok\">●</span> {E(e.ContainerIpReach)} <code>ping</code> runs from the host straight to a container's IP."
            : $"<span class=\"cw-warn\">●</span> {E(e.ContainerIpReach)} Pings are sent from a container on the same network instead.";
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
