namespace Courseware.Lab;

public sealed partial class DockerLab
{
    private static int s_sessionsInThisProcess;

    /// <summary>
    /// Has any lab connected in this process? A runner cleans up after a notebook by process id; a notebook that never
    /// connected cannot have created anything, so the runner need not connect to the engine just to find nothing
    /// (and a notebook without Docker then runs without an engine at all).
    /// </summary>
    public static bool AnySessionInThisProcess => Volatile.Read(ref s_sessionsInThisProcess) > 0;

    private static void CountSession() => Interlocked.Increment(ref s_sessionsInThisProcess);
}
