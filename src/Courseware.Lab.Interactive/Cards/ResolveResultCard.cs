using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>
/// A name that does not resolve is a lesson outcome (the default bridge has no DNS), not a failure: it gets a neutral
/// amber box, never the red of an error.
/// </summary>
internal static class ResolveResultCard
{
    public static string ToHtml(ResolveResult r)
    {
        var box = r.Resolved
            ? $"<div class=\"cw-box cw-box-ok\"><div class=\"cw-title cw-ok\">✔ {E(r.Name)} resolves from {E(r.From)}</div>" +
              $"<div>{string.Join(", ", r.Addresses.Select(Code))}</div></div>"
            : $"<div class=\"cw-box cw-box-warn\"><div class=\"cw-title cw-warn\">○ {E(r.Name)} does not resolve from {E(r.From)}</div>" +
              "<div>An expected outcome where there is no embedded DNS, e.g. on the default bridge network: containers there reach each other by IP only. " +
              "On a user-defined network Docker's DNS (127.0.0.11) answers container names and aliases.</div></div>";
        return Root(box + $"<div class=\"cw-muted\">{Code(r.CommandLine)}</div>" +
                    Collapsible("nslookup output", Pre(r.Output)));
    }
}
