using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>One knock of the LAN neighbour: where, whether a web server answered, what it got, and the docker exec it ran.</summary>
internal static class ReachResultCard
{
    public static string ToHtml(ReachResult r) => Root(
        $"<div class=\"cw-card\"><div class=\"cw-title\">The neighbour tries <b>{E(r.What)}</b> at {Code(r.Target)} " +
        (r.Reachable ? Badge("reachable", "warn") : Badge("blocked", "ok")) + "</div>" +
        $"<div>{E(r.Detail)}</div>" +
        Collapsible("The docker command", Pre(r.CommandLine)) + "</div>");
}
