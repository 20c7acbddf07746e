namespace Courseware.Lab;

/// <summary>
/// A container or network of the same name belongs to another session that is still running: a second run of the same
/// lesson on this engine (two CI jobs, a terminal run while VS Code has the notebook open). Replacing it would pull the
/// rug from under the first run, so the second refuses and names the first.
/// </summary>
public sealed class SessionInUseException(string kind, string name, string otherSession, string? ownerPid, string? ownerHost)
    : LabException(
        $"The {kind} '{name}' belongs to another session of the course that is still running: {otherSession}. " +
        "Two runs of a lesson on one engine would remove each other's containers, so this one stops here.",
        ownerHost == Environment.MachineName && ownerPid is not null
            ? $"End the other session first — close or restart its notebook kernel, or stop its 'courseware run' (Ctrl+C), or end its process: kill {ownerPid} — then re-run this cell. " +
              "Its containers and networks are removed when it ends."
            : $"It runs on another machine ({ownerHost ?? "unknown"}) against this engine: end it there, or, if it is gone, remove what it left: " +
              $"docker rm -f $(docker ps -aq --filter label={LabLabels.Session}={otherSession})")
{
    internal string OtherSession { get; } = otherSession;
    public override string Title => "Lesson already running";
}
