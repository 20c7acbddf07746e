using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

internal static class ExecResultCard
{
    public static string ToHtml(ExecResult x)
    {
        var exit = x.Succeeded ? Badge("exit code 0", "ok") : Badge($"exit code {x.ExitCode}", "bad");
        var body =
            $"<div class=\"cw-title\"><span class=\"cw-muted\">$</span> {Code(x.CommandLine)}{exit}</div>" +
            Output(x.Stdout, x.Stderr);
        return Root($"<div class=\"cw-card\">{body}</div>");
    }

    /// <summary>What a command printed: stdout, then stderr apart, or "(no output)".</summary>
    public static string Output(string stdout, string stderr) =>
        (stdout.Length == 0 && stderr.Length == 0 ? "<div class=\"cw-muted\">(no output)</div>" : "") +
        (stdout.Length == 0 ? "" : Pre(stdout)) +
        (stderr.Length == 0 ? "" : "<div class=\"cw-muted\">stderr</div>" + Pre(stderr, "cw-stderr"));
}
