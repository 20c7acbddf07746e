using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>What <c>docker run</c> returned, with the command it stands for.</summary>
internal static class ContainerCard
{
    public static string ToHtml(Container c)
    {
        var body =
            $"<div class=\"cw-title\">{E(c.Name)} <span class=\"cw-muted\">{E(c.ShortId)}</span></div>" +
            KeyValues([
                ("Image", E(c.Image)),
                ("Command", Code(c.CommandLine)),
                ("Ports", c.Ports.Count == 0 ? "<span class=\"cw-muted\">none published</span>" : PortsHtml(c.Ports)),
            ]);
        return Root($"<div class=\"cw-card\">{body}</div>");
    }

    /// <summary>One binding per line, with an arrow a learner reads as "goes to"; exposed-only ports say so.</summary>
    public static string PortsHtml(IEnumerable<PortBindingInfo> ports) =>
        string.Join("<br>", ports.Select(PortHtml));

    public static string PortHtml(PortBindingInfo p) => p.HostPort is null
        ? $"{E($"{p.ContainerPort}/{p.Protocol}")} <span class=\"cw-muted\">(exposed, not published)</span>"
        : $"{E(HostSide(p))}<span class=\"cw-arrow\">→</span>{E($"{p.ContainerPort}/{p.Protocol}")}" +
          (p.AlsoIpv6 ? $" <span class=\"cw-muted\">(also [::]:{p.HostPort})</span>" : "");

    public static string HostSide(PortBindingInfo p)
    {
        var ip = string.IsNullOrEmpty(p.HostIp) ? "0.0.0.0" : CliTwin.HostForPort(p.HostIp);
        return $"{ip}:{p.HostPort}";
    }
}
