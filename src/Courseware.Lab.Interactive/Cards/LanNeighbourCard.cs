using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>The simulated LAN neighbour: its address, the host's, and the docker commands that wired it (or why there is none).</summary>
internal static class LanNeighbourCard
{
    public static string ToHtml(LanNeighbour n) => Root(n.Available
        ? $"<div class=\"cw-card\"><div class=\"cw-title\">LAN neighbour <b>{E(n.Name)}</b> {Badge("wired", "ok")}</div>" +
          KeyValues([
              ("neighbour", Code($"{n.Address}/{LanNeighbour.PrefixLength}")),
              ("host", Code($"{n.HostAddress} on {n.HostInterface}")),
              ("route", Code($"default via {n.HostAddress}")),
          ]) +
          $"<div>{E(n.Why)}</div>" +
          Collapsible("The docker commands", Pre(string.Join("\n", n.CommandLines))) + "</div>"
        : $"<div class=\"cw-card\"><div class=\"cw-title\">No LAN neighbour {Badge("not on this engine", "info")}</div><div>{E(n.Why)}</div></div>");
}
