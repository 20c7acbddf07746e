namespace Courseware.Lab;

/// <summary>Reads <c>iptables -S</c> lines (<c>-A CHAIN [matches] -j TARGET [target options]</c>) into <see cref="NatRule"/>s.</summary>
internal static class IptablesRules
{
    public static IReadOnlyList<NatRule> Parse(string output, IReadOnlyCollection<string> chains) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse)
            .OfType<NatRule>()
            .Where(r => chains.Contains(r.Chain))
            .ToList();

    /// <summary>One <c>-A</c> line; null for chain declarations (<c>-N</c>, <c>-P</c>) and anything else.</summary>
    public static NatRule? Parse(string line)
    {
        var words = Words(line);
        if (words.Count < 2 || words[0] != "-A") return null;
        string chain = words[1], protocol = "all", target = "", to = "";
        var match = new List<string>();
        for (var i = 2; i < words.Count; i++)
        {
            var w = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : "";
            switch (w)
            {
                case "-p" when match.LastOrDefault() != "!":
                    protocol = next; i++; break;
                // "-m tcp" only loads the module that --dport needs: noise in a table.
                case "-m" when next == protocol:
                    i++; break;
                case "-j":
                    target = next; i++; break;
                case "--to-destination" or "--to-source" or "--to-ports" when target.Length > 0:
                    to = next; i++; break;
                default:
                    match.Add(w); break;
            }
        }
        return new NatRule(chain, protocol, string.Join(' ', match), target, to, line);
    }

    /// <summary>Splits on spaces, keeping a double-quoted comment (<c>--comment "a b"</c>) as one word.</summary>
    internal static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; current.Append(c); }
            else if (c == ' ' && !quoted) { if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); } }
            else current.Append(c);
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
