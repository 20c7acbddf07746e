namespace Courseware.Lab;

/// <summary>
/// Every error a learner can meet. Carries what went wrong, what to do about it, and the docker CLI
/// command the learner would have typed, so that a notebook can render a clear box instead of a stack trace.
/// </summary>
public class LabException : Exception
{
    public LabException(string problem, string fix, string? details = null, Exception? inner = null)
        : base(problem, inner)
    {
        Problem = problem;
        Fix = fix;
        Details = details;
    }

    /// <summary>One sentence: what was wrong.</summary>
    public string Problem { get; }

    /// <summary>What to do about it.</summary>
    public string Fix { get; }

    /// <summary>Supporting text: a build log, a container's last log lines, the engine's own message.</summary>
    public string? Details { get; }

    /// <summary>A short title for rendering ("Port already allocated").</summary>
    public virtual string Title => "Docker lab error";

    public override string ToString() =>
        Details is null ? $"{Title}: {Problem}\nFix: {Fix}" : $"{Title}: {Problem}\nFix: {Fix}\n{Details}";
}
