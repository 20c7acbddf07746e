using System.Globalization;

namespace Courseware.Lab;

/// <summary>
/// Who listens on a host TCP port, when this machine can tell: the engine's message says whether one of its own
/// containers publishes the port ("port is already allocated") or the bind failed because something outside the
/// engine holds it ("address already in use"); for the latter, /proc names the process where this user may see it.
/// </summary>
internal static class HostPortHolder
{
    public static bool IsAnotherContainer(string engineMessage) =>
        engineMessage.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase);

    /// <summary>"nc (pid 4242)", or null where the process cannot be seen (not Linux, another user's process, another host).</summary>
    public static string? Process(int port)
    {
        if (!OperatingSystem.IsLinux() || port <= 0) return null;
        try
        {
            var inodes = ListeningInodes("/proc/net/tcp", port).Concat(ListeningInodes("/proc/net/tcp6", port)).ToHashSet();
            if (inodes.Count == 0) return null;
            foreach (var pidDir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(pidDir), out var pid)) continue;
                try
                {
                    foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(pidDir, "fd")))
                    {
                        var target = new FileInfo(fd).LinkTarget;
                        if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                            return $"{File.ReadAllText(Path.Combine(pidDir, "comm")).Trim()} (pid {pid})";
                    }
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException) { }
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { }
        return null;
    }

    // /proc/net/tcp: "sl local_address rem_address st ... inode"; local_address is HEX_IP:HEX_PORT, st 0A is LISTEN.
    private static IEnumerable<string> ListeningInodes(string table, int port)
    {
        if (!File.Exists(table)) yield break;
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != "0A") continue;
            var local = fields[1];
            if (int.TryParse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) && p == port)
                yield return fields[9];
        }
    }
}
