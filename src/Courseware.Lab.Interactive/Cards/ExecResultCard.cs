using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

internal static class ExecResultCard
{
    public static string ToHtml(ExecResult x)
    {
        var exit = x.Succeeded ? Badge("exit code 0", "ok") : Badge($"exit code {x.ExitCode}", "bad");
        var body =
            $"<div class=\"cw-title\"><span class=\"cw-muted\">$</span> {Code(x.CommandLine)}{exit}</div>" +
            (x.Stdout.Length == 0 && x.Stderr.Length == 0 ? "<div class=\"cw-muted\">(no output)</div>" : "") +
            (x.Stdout.Length == 0 ? "" : Pre(x.Stdout)) +
            (x.Stderr.Length == 0 ? "" : "<div class=\"cw-muted\">stderr</div>" + Pre(x.Stderr, "cw-stderr"));
        return Root($"<div class=\"cw-card\">{body}</div>");
    }
}
