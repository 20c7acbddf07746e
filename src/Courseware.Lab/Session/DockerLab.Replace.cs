namespace Courseware.Lab;

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
