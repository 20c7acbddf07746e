using System.Text;
using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>
/// The rules of a <c>.dockerignore</c> file, as the docker CLI applies them: Go filepath.Match patterns plus
/// <c>**</c>, relative to the context root, <c>!</c> re-includes, and the last matching rule wins.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules = [];

    public DockerIgnore(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var exclude = true;
            if (line.StartsWith('!'))
            {
                exclude = false;
                line = line[1..].Trim();
            }
            // In a pattern '\' escapes (Go's filepath.Match on Linux, where the CLI runs for these lessons).
            line = Clean(line, backslashIsSeparator: false);
            if (line.Length == 0) continue;
            _rules.Add((new Regex("^" + ToRegex(line) + "$", RegexOptions.CultureInvariant), exclude));
        }
    }

    public static DockerIgnore Load(string contextDirectory)
    {
        var path = Path.Combine(contextDirectory, ".dockerignore");
        return new DockerIgnore(File.Exists(path) ? File.ReadAllLines(path) : []);
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Is this path (relative, '/'-separated) left out of the build context?</summary>
    public bool IsExcluded(string relativePath)
    {
        relativePath = Clean(relativePath, backslashIsSeparator: true);
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            // A pattern that matches a parent directory matches everything under it.
            if (pattern.IsMatch(relativePath) || Parents(relativePath).Any(pattern.IsMatch))
                excluded = exclude;
        }
        return excluded;
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var i = path.IndexOf('/'); i > 0; i = path.IndexOf('/', i + 1))
            yield return path[..i];
    }

    private static string Clean(string path, bool backslashIsSeparator)
    {
        var parts = new List<string>();
        foreach (var part in (backslashIsSeparator ? path.Replace('\\', '/') : path).Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static string ToRegex(string pattern)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    // "**/" matches zero or more directories; a trailing "**" matches everything below.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/') { i++; sb.Append("(?:.*/)?"); }
                    else sb.Append(".*");
                    break;
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0) { sb.Append(@"\["); break; }
                    var set = pattern[(i + 1)..end];
                    if (set.StartsWith('^')) set = "^" + set[1..];
                    sb.Append('[').Append(set.Replace(@"\", @"\\")).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return sb.ToString();
    }
}
