using System.Text;
using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary><c>docker network inspect</c> as a card, <c>docker network ls</c> as a table.</summary>
internal static class NetworkCards
{
    public static string ToHtml(NetworkDetails n)
    {
        var dns = n.HasEmbeddedDns
            ? "<span class=\"cw-ok\">yes</span>: containers on it find each other by name (127.0.0.11 answers)"
            : n.Name == PredefinedNetworks.Bridge
                ? "<span class=\"cw-warn\">no</span>: the default bridge has no embedded DNS; containers reach each other only by IP"
                : "<span class=\"cw-muted\">no</span>";
        var body =
            $"<div class=\"cw-title\">{E(n.Name)} <span class=\"cw-muted\">{E(n.ShortId)}</span>" + Badge(n.Driver) + (n.Internal ? Badge("internal", "warn") : "") + "</div>" +
            KeyValues([
                ("Subnet", n.Subnets.Count == 0 ? null : string.Join(", ", n.Subnets.Select(Code))),
                ("Gateway", n.Gateways.Count == 0 ? null : string.Join(", ", n.Gateways.Select(Code))),
                ("Scope", E(n.Scope)),
                ("Name lookup", dns),
            ]) +
            Table(["CONTAINER", "IPV4 ADDRESS", "MAC"], n.Containers.Select(c => (IReadOnlyList<string>)
                [$"<b>{E(c.Name)}</b>", Code(c.IPv4Address), Code(c.MacAddress)]), "No containers attached.") +
            Collapsible("Raw JSON (docker network inspect)", Pre(n.RawJson));
        return Root($"<div class=\"cw-card\">{body}</div>");
    }

    public static string ToHtml(IEnumerable<NetworkDetails> networks) =>
        Root(Table(["NETWORK ID", "NAME", "DRIVER", "SCOPE", "SUBNET", "GATEWAY", "CONTAINERS"], networks.Select(n => (IReadOnlyList<string>)
        [
            Code(n.ShortId),
            $"<b>{E(n.Name)}</b>" + (n.Internal ? Badge("internal", "warn") : ""),
            E(n.Driver),
            E(n.Scope),
            string.Join("<br>", n.Subnets.Select(Code)),
            string.Join("<br>", n.Gateways.Select(E)),
            n.Containers.Count == 0 ? "<span class=\"cw-muted\">–</span>" : string.Join("<br>", n.Containers.Select(c => $"{E(c.Name)} <span class=\"cw-muted\">{E(c.IPv4Address)}</span>")),
        ]), "No networks."));

    public static string ToText(IEnumerable<NetworkDetails> networks)
    {
        var sb = new StringBuilder();
        foreach (var n in networks) sb.AppendLine(n.ToString());
        return sb.ToString().TrimEnd();
    }
}
