namespace Courseware.Lab;

/// <summary>
/// The tag on every host firewall rule the course adds: <c>-m comment --comment "courseware.session=ID courseware.owner.pid=…"</c>,
/// the labels its containers carry, so that clean-up finds the rule the way it finds containers (this session's, any
/// session's, or a crashed session's: <see cref="SessionOwner.IsGone"/>). <c>courseware.rule</c> names what the rule is
/// for, so that planting it again replaces it.
/// </summary>
internal static class FirewallTag
{
    public const string RuleKey = "courseware.rule";

    /// <summary>The comment for a new rule of this lab.</summary>
    public static string Comment(IReadOnlyDictionary<string, string> labels, string rule) =>
        string.Join(' ', labels.Where(l => l.Key != LabLabels.Lesson).Select(l => $"{l.Key}={l.Value}").Append($"{RuleKey}={rule}"));

    /// <summary>The labels in an <c>iptables -S</c> line's course comment, or null for a rule the course did not add.</summary>
    public static Dictionary<string, string>? Read(string line)
    {
        var words = IptablesRules.Words(line);
        var at = words.IndexOf("--comment");
        if (at < 0 || at + 1 >= words.Count) return null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in words[at + 1].Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) labels[pair[..eq]] = pair[(eq + 1)..];
        }
        return labels.ContainsKey(LabLabels.Session) ? labels : null;
    }

    /// <summary>The arguments that delete the rule of an <c>iptables -S</c> line (<c>-A CHAIN …</c> → <c>-D CHAIN …</c>), quotes removed.</summary>
    public static string[] DeleteArguments(string line)
    {
        var words = IptablesRules.Words(line);
        return ["-D", .. words.Skip(1).Select(w => w.Length > 1 && w[0] == '"' && w[^1] == '"' ? w[1..^1] : w)];
    }
}
