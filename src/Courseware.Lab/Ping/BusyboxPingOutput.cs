using System.Globalization;
using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>Reads what busybox (or iputils) ping prints: one line per reply, and the statistics.</summary>
internal static partial class BusyboxPingOutput
{
    [GeneratedRegex(@"(seq|icmp_seq)=(\d+)\s+ttl=(\d+)\s+time=([\d.]+)\s*ms", RegexOptions.CultureInvariant)]
    private static partial Regex ReplyLine();

    [GeneratedRegex(@"(\d+) packets transmitted", RegexOptions.CultureInvariant)]
    private static partial Regex Transmitted();

    [GeneratedRegex(@"PING [^ ]+ \(([^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    /// <summary>The replies, with lost sequence numbers filled in from the transmitted count.</summary>
    public static IReadOnlyList<PingReply> Parse(string output, int expectedCount)
    {
        var received = ReplyLine().Matches(output)
            .Select(m => new PingReply(
                // busybox numbers from 0 (seq=), iputils from 1 (icmp_seq=); replies are numbered from 0.
                int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - (m.Groups[1].Value == "icmp_seq" ? 1 : 0),
                double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
            .GroupBy(r => r.Sequence).Select(g => g.First())
            .ToDictionary(r => r.Sequence);
        var sent = Transmitted().Match(output) is { Success: true } t ? int.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : expectedCount;
        sent = Math.Max(sent, received.Count == 0 ? 0 : received.Keys.Max() + 1);
        return Enumerable.Range(0, sent).Select(seq => received.GetValueOrDefault(seq) ?? new PingReply(seq, null, null)).ToList();
    }

    /// <summary>The address the name resolved to, from the "PING name (address)" header; null if it did not resolve.</summary>
    public static string? ResolvedAddress(string output) => Header().Match(output) is { Success: true } m ? m.Groups[1].Value : null;
}
