using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>
/// How the docker CLI twin of a call is written, once: POSIX shell quoting (so that the shown command, pasted into a
/// terminal, runs what the library ran), short ids as <c>docker ps</c> shows them, and IPv6 addresses in brackets
/// where a port follows.
/// </summary>
public static partial class CliTwin
{
    /// <summary>One word for sh: as is when it holds nothing the shell would read, else in single quotes.</summary>
    internal static string Quote(string word) =>
        word.Length > 0 && SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The words of a command, quoted and joined: <c>docker exec box sh -c 'echo out; echo err &gt;&amp;2'</c>.</summary>
    public static string Command(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    public static string Command(params string[] words) => Command((IEnumerable<string>)words);

    /// <summary>The 12 hex digits <c>docker ps</c> and <c>docker images</c> show (without "sha256:").</summary>
    public static string ShortId(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id["sha256:".Length..] : id;
        return hex[..Math.Min(12, hex.Length)];
    }

    /// <summary>An address before ":port": IPv6 in brackets (<c>[::1]:8080</c>), IPv4 and names as they are.</summary>
    public static string HostForPort(string address) =>
        address.Contains(':') && !address.StartsWith('[') ? $"[{address}]" : address;

    // What sh never splits or expands: letters, digits and a few punctuation marks (as Python's shlex.quote).
    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeWord();
}
