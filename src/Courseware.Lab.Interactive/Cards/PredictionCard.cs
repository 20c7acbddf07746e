using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>A revealed prediction: green when it was right, amber when not (a wrong guess is how one learns), grey when none was made.</summary>
internal static class PredictionCard
{
    public static string ToHtml(PredictionResult p)
    {
        var (box, tone, mark) = p.Correct switch
        {
            true => ("cw-box-ok", "cw-ok", "✓"),
            false => ("cw-box-warn", "cw-warn", "✗"),
            null => ("cw-box-warn", "cw-muted", "?"),
        };
        var body =
            $"<div class=\"cw-muted\">Prediction: {E(p.Question)}</div>" +
            $"<div class=\"cw-title {tone}\">{mark} {E(p.Verdict)}</div>" +
            $"<div>{E(p.Explanation)}</div>";
        return Root($"<div class=\"cw-box {box}\">{body}</div>");
    }

    public static string ToText(PredictionResult p) => $"Prediction: {p.Question}\n{p.Verdict}\n{p.Explanation}";
}
