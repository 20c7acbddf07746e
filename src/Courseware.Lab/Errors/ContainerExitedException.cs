namespace Courseware.Lab;

/// <summary>
/// The container is not running: it exited by itself (its command ended or failed), or it was stopped or killed
/// from outside the notebook between two cells (docker kill, docker stop, the out-of-memory killer). The exit code
/// tells which; the problem says it and the fix fits.
/// </summary>
public sealed class ContainerExitedException : LabException
{
    internal ContainerExitedException(string container, long exitCode, IReadOnlyList<string> lastLogLines)
        : base(
            exitCode switch
            {
                137 => $"Container '{container}' is not running: it was killed (exit code 137 = SIGKILL: docker kill, docker stop past its timeout, or out of memory).",
                143 => $"Container '{container}' is not running: it was stopped (exit code 143 = SIGTERM: docker stop, or the engine restarted).",
                _ => $"Container '{container}' exited early with code {exitCode}.",
            },
            exitCode is 137 or 143
                ? $"Start it again: re-run the cell that runs it (or docker start {container}), then this cell. Its last log lines are below."
                : $"Read its last log lines below (docker logs {container}); check the image's CMD and that the service stays in the foreground.",
            lastLogLines.Count == 0 ? "(no log output)" : string.Join('\n', lastLogLines))
    {
        Container = container;
        ExitCode = exitCode;
        LastLogLines = lastLogLines;
    }

    public string Container { get; }
    public long ExitCode { get; }
    internal IReadOnlyList<string> LastLogLines { get; }
    public override string Title => ExitCode is 137 or 143 ? "Container stopped" : "Container exited early";
}
