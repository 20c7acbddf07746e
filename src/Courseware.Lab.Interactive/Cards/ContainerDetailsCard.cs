using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary><c>docker inspect</c>: the fields the lessons point at, and the raw JSON one click away.</summary>
internal static class ContainerDetailsCard
{
    public static string ToHtml(ContainerDetails d)
    {
        var state = $"<span class=\"{PsTable.StateClass(d.State)}\">●</span> {E(d.State)}" +
                    (!d.Running && d.State == "exited" ? $" <span class=\"cw-muted\">(exit code {d.ExitCode})</span>" : "") +
                    (d.StartedAt is { } s ? $" <span class=\"cw-muted\">since {E(s.ToString("u"))}</span>" : "");
        var networks = d.Networks.Count == 0
            ? "<span class=\"cw-muted\">none</span>"
            : Table(["NETWORK", "IP ADDRESS", "GATEWAY", "MAC", "ALIASES"], d.Networks.Select(n => (IReadOnlyList<string>)
            [
                $"<b>{E(n.Network)}</b>",
                n.Cidr.Length == 0 ? "<span class=\"cw-muted\">–</span>" : Code(n.Cidr),
                E(n.Gateway),
                Code(n.MacAddress),
                E(string.Join(", ", n.Aliases)),
            ]));
        var body =
            $"<div class=\"cw-title\">{E(d.Name)} <span class=\"cw-muted\">{E(d.ShortId)}</span></div>" +
            KeyValues([
                ("Image", E(d.Image) + (d.ImageId.Length == 0 ? "" : $" <span class=\"cw-muted\">{E(ShortImageId(d.ImageId))}</span>")),
                ("State", state),
                ("Network mode", E(d.NetworkMode)),
                ("Ports", d.Ports.Count == 0 ? "<span class=\"cw-muted\">none</span>" : ContainerCard.PortsHtml(d.Ports)),
            ]) +
            networks +
            Collapsible("Raw JSON (docker inspect)", Pre(d.RawJson));
        return Root($"<div class=\"cw-card\">{body}</div>");
    }

    public static string ShortImageId(string id) => id.Replace("sha256:", "", StringComparison.Ordinal) is var s && s.Length > 12 ? s[..12] : id;
}
