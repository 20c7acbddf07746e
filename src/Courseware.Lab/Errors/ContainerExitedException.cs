namespace Courseware.Lab;

/// <summary>A container that should keep running stopped. Its last log lines usually say why.</summary>
public sealed class ContainerExitedException(string container, long exitCode, IReadOnlyList<string> lastLogLines)
    : LabException(
        $"Container '{container}' exited early with code {exitCode}.",
        $"Read its last log lines below (docker logs {container}); check the image's CMD and that the service stays in the foreground.",
        lastLogLines.Count == 0 ? "(no log output)" : string.Join('\n', lastLogLines))
{
    public string Container { get; } = container;
    public long ExitCode { get; } = exitCode;
    public IReadOnlyList<string> LastLogLines { get; } = lastLogLines;
    public override string Title => "Container exited early";
}
