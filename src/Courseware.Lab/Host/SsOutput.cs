using System.Globalization;
using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>
/// Reads <c>ss -ltunp</c>: <c>Netid State Recv-Q Send-Q Local-Address:Port Peer-Address:Port Process</c>, one socket a
/// line after the header. Addresses come as <c>127.0.0.1:8080</c>, <c>[::]:80</c>, <c>*:80</c> or <c>127.0.0.11%lo:53</c>.
/// </summary>
internal static partial class SsOutput
{
    public static IReadOnlyList<ListeningSocket> Parse(string output)
    {
        var sockets = new List<ListeningSocket>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 6 || columns[0] == "Netid") continue;
            var local = columns[4];
            var colon = local.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(local[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) continue;
            var address = local[..colon].Trim('[', ']');
            var zone = address.IndexOf('%', StringComparison.Ordinal);
            if (zone >= 0) address = address[..zone];
            var users = UsersColumn().Match(columns.Length > 6 ? string.Join(' ', columns[6..]) : "");
            sockets.Add(new ListeningSocket(columns[0], address, port,
                users.Success ? $"{users.Groups["name"].Value} (pid {users.Groups["pid"].Value})" : ""));
        }
        return sockets;
    }

    // users:(("httpd",pid=16962,fd=3)) — the first process holding the socket.
    [GeneratedRegex("users:\\(\\(\"(?<name>[^\"]*)\",pid=(?<pid>\\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex UsersColumn();
}
