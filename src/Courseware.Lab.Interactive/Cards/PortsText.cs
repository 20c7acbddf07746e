using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary><c>docker port</c>'s output: one "80/tcp -> 0.0.0.0:32768" line per binding.</summary>
internal static class PortsText
{
    public static string ToText(IEnumerable<PortBindingInfo> ports)
    {
        var lines = ports.SelectMany(p => p.ToDockerPort()).ToList();
        return lines.Count == 0 ? "(no published ports)" : string.Join("\n", lines);
    }

    public static string ToHtml(IEnumerable<PortBindingInfo> ports) => Root(Pre(ToText(ports)));
}
