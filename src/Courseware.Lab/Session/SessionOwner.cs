using System.Diagnostics;
using System.Globalization;

namespace Courseware.Lab;

/// <summary>
/// The process that owns a session, as its resources' labels name it: the machine, the pid, and when that process
/// started. A pid alone is not enough: a killed run's pid is reused (after a reboot, or after enough processes), and its
/// leftovers would then look owned by a live session and block every later run of the lesson. The start time tells the
/// owner from a stranger with its pid.
/// </summary>
internal static class SessionOwner
{
    private static readonly string ThisPid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private static readonly Lazy<string?> ThisStart = new(() => StartOf(Environment.ProcessId));

    /// <summary>The owner labels of a new resource: this process.</summary>
    public static void AddTo(IDictionary<string, string> labels)
    {
        labels[LabLabels.OwnerPid] = ThisPid;
        labels[LabLabels.OwnerHost] = Environment.MachineName;
        if (ThisStart.Value is { } start) labels[LabLabels.OwnerStarted] = start;
    }

    public static bool IsThisMachine(IDictionary<string, string> labels) =>
        labels.TryGetValue(LabLabels.OwnerHost, out var host) && host == Environment.MachineName;

    public static bool IsThisProcess(IDictionary<string, string> labels) =>
        IsThisMachine(labels) && labels.TryGetValue(LabLabels.OwnerPid, out var pid) && pid == ThisPid;

    /// <summary>
    /// The owner ran on this machine and is gone: no process has its pid, or the one that has it started at another
    /// time than the label says (resources made before the label existed are judged by the pid alone). False for a
    /// resource of another machine, whose processes cannot be seen from here.
    /// </summary>
    public static bool IsGone(IDictionary<string, string> labels)
    {
        if (!IsThisMachine(labels)) return false;
        if (!labels.TryGetValue(LabLabels.OwnerPid, out var pidText) || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid)) return true;
        var start = StartOf(pid);
        if (start is null) return true;
        return labels.TryGetValue(LabLabels.OwnerStarted, out var labelled) && labelled != start;
    }

    /// <summary>When the process with this pid started (UTC, to the second), or null when there is none.</summary>
    private static string? StartOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
