using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>
/// Reads <c>tcpdump -n -l</c> lines: <c>12:20:02.537093 IP 172.17.0.1.59812 &gt; 172.17.0.2.80: Flags [S], …</c>
/// (the port is the last dotted part of an IPv4 endpoint, after the last dot of an IPv6 one), ICMP and UDP alike, and
/// ARP (<c>ARP, Request who-has 172.17.0.2 tell 172.17.0.1, length 28</c>).
/// </summary>
internal static partial class TcpdumpOutput
{
    public static IReadOnlyList<CapturedPacket> Parse(string output)
    {
        var packets = new List<CapturedPacket>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ParseLine(line) is { } packet) packets.Add(packet);
            // An encapsulated packet (the frame inside VXLAN) follows on a line of its own, without a time: it belongs to
            // the packet before, and is what shows that an overlay's data crosses the LAN readable.
            else if (packets.Count > 0 && InnerPacket().IsMatch(line)) packets[^1] = packets[^1] with { Summary = $"{packets[^1].Summary} → inside: {line}" };
        }
        return packets;
    }

    public static CapturedPacket? ParseLine(string line)
    {
        var ip = IpLine().Match(line);
        if (ip.Success)
        {
            var summary = ip.Groups["rest"].Value;
            return new CapturedPacket(ip.Groups["time"].Value, Endpoint(ip.Groups["src"].Value, ip.Groups["family"].Value),
                Endpoint(ip.Groups["dst"].Value, ip.Groups["family"].Value), Protocol(summary), summary);
        }
        var arp = ArpLine().Match(line);
        if (!arp.Success) return null;
        var who = ArpWhoHas().Match(arp.Groups["rest"].Value);
        return new CapturedPacket(arp.Groups["time"].Value, who.Success ? who.Groups["tell"].Value : "", who.Success ? who.Groups["has"].Value : "", "ARP", arp.Groups["rest"].Value);
    }

    /// <summary><c>172.17.0.2.80</c> → <c>172.17.0.2:80</c>; an IPv6 <c>fe80::1.546</c> → <c>[fe80::1]:546</c>; an address alone (ICMP) as it is.</summary>
    private static string Endpoint(string text, string family)
    {
        var dot = text.LastIndexOf('.');
        var isPorted = family == "IP6" ? dot > 0 : text.Count(c => c == '.') == 4;
        if (!isPorted) return text;
        var address = text[..dot];
        return $"{CliTwin.HostForPort(address)}:{text[(dot + 1)..]}";
    }

    private static string Protocol(string summary) =>
        summary.StartsWith("Flags [", StringComparison.Ordinal) ? "TCP"
        : summary.StartsWith("ICMP6", StringComparison.Ordinal) ? "ICMP6"
        : summary.StartsWith("ICMP", StringComparison.Ordinal) ? "ICMP"
        : summary.StartsWith("UDP", StringComparison.Ordinal) || UdpApplication().IsMatch(summary) ? "UDP"
        : "IP";

    [GeneratedRegex(@"^(?<time>\d{2}:\d{2}:\d{2}\.\d+) (?<family>IP6?) (?<src>\S+) > (?<dst>\S+?):\s(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IpLine();

    /// <summary>A packet line without a time (<c>IP 10.0.1.2 &gt; 10.0.1.3: ICMP echo request, …</c>): one inside the packet before.</summary>
    [GeneratedRegex(@"^(IP6?|ARP,) ", RegexOptions.CultureInvariant)]
    private static partial Regex InnerPacket();

    [GeneratedRegex(@"^(?<time>\d{2}:\d{2}:\d{2}\.\d+) ARP, (?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArpLine();

    [GeneratedRegex(@"who-has (?<has>\S+) tell (?<tell>[^\s,]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ArpWhoHas();

    // DNS answers and queries print as "12345+ A? name. (30)" without the word UDP.
    [GeneratedRegex(@"^\d+[+*-]* ", RegexOptions.CultureInvariant)]
    private static partial Regex UdpApplication();
}
