namespace Courseware.Lab.Tests.Support;

/// <summary>The labels of a session whose process is gone, as a killed run leaves them on its resources.</summary>
public static class DeadSession
{
    /// <summary>A pid far above pid_max stands for a process that no longer exists; the machine is this one.</summary>
    public static Dictionary<string, string> Labels(string session) => new()
    {
        [LabLabels.Session] = session,
        [LabLabels.Lesson] = "ghost",
        [LabLabels.OwnerPid] = "99999999",
        [LabLabels.OwnerHost] = Environment.MachineName,
    };
}
