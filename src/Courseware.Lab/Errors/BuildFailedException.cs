namespace Courseware.Lab;

/// <summary>docker build failed. The engine reports this in the progress stream, not as an HTTP error.</summary>
public sealed class BuildFailedException(string tag, string? failingStep, string error, IReadOnlyList<string> log)
    : LabException(
        failingStep is null ? $"Building '{tag}' failed: {error}" : $"Building '{tag}' failed at {failingStep}: {error}",
        "Read the failing step and the log below, fix the Dockerfile or the files it copies, and build again.",
        string.Join('\n', log))
{
    public string Tag { get; } = tag;
    internal string? FailingStep { get; } = failingStep;
    public string Error { get; } = error;
    public IReadOnlyList<string> Log { get; } = log;
    public override string Title => "Build failed";
}
