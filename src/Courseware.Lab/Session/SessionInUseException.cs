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
    public string OtherSession { get; } = otherSession;
    public override string Title => "Lesson already running";
}

public sealed partial class DockerLab
{
    /// <summary>
    /// An inspect by <paramref name="name"/> found a resource called <paramref name="foundName"/>, which the course is
    /// about to remove to make its own again (a re-run cell). False if it is another one: the engine answers a name it
    /// lacks with a resource whose ID starts with it, so the named one does not exist. True if it is the course's own and
    /// this session may replace it: this process's, or a leftover of a process that is gone. Throws if the course did
    /// not make it, or if another live session owns it.
    /// </summary>
    internal bool MayReplace(string kind, string name, string? foundName, IDictionary<string, string>? labels, string removeCommand)
    {
        if (foundName != name) return false;
        if (labels is null || !labels.TryGetValue(LabLabels.Session, out var session))
            throw new LabException($"A {kind} named '{name}' already exists and was not made by this course.",
                $"Pick another name, or remove it yourself if you are sure: {removeCommand}");
        if (session == SessionId) return true;
        if (SessionOwner.IsThisProcess(labels) || SessionOwner.IsGone(labels)) return true;
        labels.TryGetValue(LabLabels.OwnerHost, out var host);
        labels.TryGetValue(LabLabels.OwnerPid, out var pidText);
        throw new SessionInUseException(kind, name, session, pidText, host);
    }
}
