using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>A red box that says what went wrong and what to do. Never a stack trace: learners cannot act on one.</summary>
internal static class ErrorBox
{
    public static string ToHtml(Exception e)
    {
        var (title, problem, fix, details) = Parts(e);
        var body =
            $"<div class=\"cw-title cw-bad\">✘ {E(title)}</div>" +
            $"<div><span class=\"cw-label\">Problem</span>{E(problem)}</div>" +
            (fix is null ? "" : $"<div><span class=\"cw-label\">Fix</span>{E(fix)}</div>") +
            (string.IsNullOrWhiteSpace(details) ? "" : Pre(details));
        return Root($"<div class=\"cw-box cw-box-bad\">{body}</div>");
    }

    public static string ToText(Exception e)
    {
        var (title, problem, fix, details) = Parts(e);
        return $"{title}: {problem}" + (fix is null ? "" : $"\nFix: {fix}") + (string.IsNullOrWhiteSpace(details) ? "" : $"\n{details}");
    }

    /// <summary>Anything that is not a LabException still gets the same box, from its type and message (and the inner one's).</summary>
    private static (string Title, string Problem, string? Fix, string? Details) Parts(Exception e)
    {
        if (e is LabException lab) return (lab.Title, lab.Problem, lab.Fix, lab.Details);
        if (e is AggregateException { InnerExceptions.Count: 1 } agg) return Parts(agg.InnerException!);
        var inner = e.InnerException is { } i && i.Message != e.Message ? $"{i.GetType().Name}: {i.Message}" : null;
        return (e.GetType().Name, e.Message, null, inner);
    }
}
