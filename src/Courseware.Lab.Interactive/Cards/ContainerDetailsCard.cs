using System.Text.Json;
using System.Text.Json.Nodes;
using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary><c>docker inspect</c>: the fields the lessons point at, and the raw JSON one click away.</summary>
internal static class ContainerDetailsCard
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Raw JSON is shown escaped in <pre>, so there is no need to \u-escape '<' or '+' here; readable is better.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
            Collapsible("Raw JSON (docker inspect)", Pre(PrettyJson(d.RawJson)));
        return Root($"<div class=\"cw-card\">{body}</div>");
    }

    public static string ShortImageId(string id) => id.Replace("sha256:", "", StringComparison.Ordinal) is var s && s.Length > 12 ? s[..12] : id;

    /// <summary>Pretty-printed if it parses; otherwise as given, since a truncated or odd document is still worth reading.</summary>
    public static string PrettyJson(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
