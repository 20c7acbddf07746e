using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

internal static class BuildResultCard
{
    public static string ToHtml(BuildResult b)
    {
        var body =
            $"<div class=\"cw-title\"><span class=\"cw-ok\">✔</span> Built {E(b.Tag)} <span class=\"cw-muted\">{E(b.ShortId)}</span></div>" +
            KeyValues([
                ("Tag", Code(b.Tag)),
                ("Image ID", Code(b.ImageId)),
                ("Took", E($"{b.Duration.TotalSeconds:0.0} s")),
            ]) +
            Collapsible($"Build log ({b.Log.Count} lines)", Pre(string.Join('\n', b.Log), "cw-log"));
        return Root($"<div class=\"cw-card\">{body}</div>");
    }
}
