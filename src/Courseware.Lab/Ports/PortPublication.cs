using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Courseware.Lab;

/// <summary>
/// One <c>docker run -p</c> value: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], or the long form
/// <c>target=80,published=8080,protocol=udp</c>.
/// </summary>
/// <remarks>
/// Parsing mirrors the docker CLI (go-connections nat.ParsePortSpec) quirk for quirk, because a learner's
/// -p must mean here exactly what it means on the command line. The one deliberate extra rule is rejecting
/// container port 0: Engine 29+ refuses it at create, older engines accept a mapping that can never work.
/// </remarks>
public sealed record PortPublication
{
    /// <summary>null = all interfaces (docker's default); "127.0.0.1", "::1" (no brackets).</summary>
    public string? HostIp { get; init; }

    /// <summary>0 = a random host port chosen by the engine.</summary>
    internal int HostPortStart { get; init; }

    /// <summary>== HostPortStart when not a range; 0 when random.</summary>
    internal int HostPortEnd { get; init; }

    internal int ContainerPortStart { get; init; }

    /// <summary>== ContainerPortStart when not a range.</summary>
    internal int ContainerPortEnd { get; init; }

    /// <summary>"tcp", "udp" or "sctp".</summary>
    public string Protocol { get; init; } = "tcp";

    // "0:80" and "80" both get a random host port, but the CLI sends HostPort "0" for one and "" for the
    // other; keeping the difference lets ApplyTo send exactly what the CLI sends.
    internal bool ZeroHostPortWritten { get; init; }

    private bool IsRandomHostPort => HostPortStart == 0 && EndOf(HostPortStart, HostPortEnd) == 0;

    public static PortPublication Parse(string spec) =>
        TryParse(spec, out var publication, out var error) ? publication : throw new PortSpecException(spec ?? "", error);

    public static bool TryParse(
        string? spec, [NotNullWhen(true)] out PortPublication? publication, [NotNullWhen(false)] out string? error)
    {
        publication = null;
        var shortForm = spec ?? "";
        error = shortForm.Contains('=') ? FromLongSyntax(shortForm, out shortForm) : null;
        error ??= ParseShort(shortForm, out publication);
        return error is null;
    }

    public static implicit operator PortPublication(string spec) => Parse(spec);

    public static PortPublication Tcp(int hostPort, int containerPort, string? hostIp = null) =>
        Validated(new PortPublication
        {
            HostIp = StripBrackets(hostIp),
            HostPortStart = hostPort,
            HostPortEnd = hostPort,
            ContainerPortStart = containerPort,
            ContainerPortEnd = containerPort,
        });

    internal static PortPublication Random(int containerPort, string protocol = "tcp", string? hostIp = null) =>
        Validated(new PortPublication
        {
            HostIp = StripBrackets(hostIp),
            ContainerPortStart = containerPort,
            ContainerPortEnd = containerPort,
            Protocol = protocol,
        });

    /// <summary>Canonical CLI form: "8080:80", "127.0.0.1::80", "[::1]:8080:80", "8000-8001:80-81/udp".</summary>
    public override string ToString()
    {
        var host = IsRandomHostPort
            ? (ZeroHostPortWritten ? "0" : "")
            : Range(HostPortStart, EndOf(HostPortStart, HostPortEnd));
        var ports = Range(ContainerPortStart, EndOf(ContainerPortStart, ContainerPortEnd));
        if (!string.IsNullOrEmpty(HostIp)) ports = $"{BracketIfV6(HostIp)}:{host}:{ports}";
        else if (host != "") ports = $"{host}:{ports}";
        return Protocol == "tcp" ? ports : $"{ports}/{Protocol}";
    }

    /// <summary>Learner-facing: "host 0.0.0.0:8080 → container 80/tcp".</summary>
    public string Describe()
    {
        var ip = string.IsNullOrEmpty(HostIp) ? "0.0.0.0" : BracketIfV6(HostIp);
        int hostEnd = EndOf(HostPortStart, HostPortEnd), containerEnd = EndOf(ContainerPortStart, ContainerPortEnd);
        var container = $"container {Range(ContainerPortStart, containerEnd)}/{Protocol}";
        if (IsRandomHostPort)
            return ContainerPortStart == containerEnd
                ? $"a random host port on {ip} → {container}"
                : $"a random host port on {ip} for each port → {container}";
        if (HostPortStart != hostEnd && ContainerPortStart == containerEnd)
            return $"a host port from {ip}:{HostPortStart}-{hostEnd} (the engine picks a free one) → {container}";
        return $"host {ip}:{Range(HostPortStart, hostEnd)} → {container}";
    }

    // Records can be built with `init`, bypassing Parse; re-parsing the canonical form applies docker's rules
    // (and its normalisations, e.g. protocol case) to those too.
    internal PortPublication Validated() => Validated(this);

    private static PortPublication Validated(PortPublication candidate) => Parse(candidate.ToString());

    // docker's convertToStandardNotation: unknown keys (host_ip and mode included) are silently dropped.
    private static string? FromLongSyntax(string spec, out string shortForm)
    {
        shortForm = "";
        var fields = new Dictionary<string, string> { ["protocol"] = "tcp" };
        foreach (var field in spec.Split(','))
        {
            var eq = field.IndexOf('=');
            if (eq <= 0) return $"'{field}' is not name=value";
            fields[field[..eq]] = field[(eq + 1)..];
        }
        if (!fields.TryGetValue("target", out var target)) return "'target' (the container port) is missing";
        shortForm = $"{fields.GetValueOrDefault("published", "")}:{target}/{fields["protocol"]}";
        return null;
    }

    private static string? ParseShort(string spec, out PortPublication? publication)
    {
        publication = null;
        // Split on the last two colons, so unbracketed IPv6 like "::1:8080:80" is accepted, as docker does.
        var parts = spec.Split(':');
        var n = parts.Length;
        var ip = n > 2 ? string.Join(':', parts[..(n - 2)]) : "";
        var hostPort = n > 1 ? parts[n - 2] : "";
        var (protocol, containerPort) = SplitProtocol(parts[n - 1]);

        var bracketed = ip.StartsWith('[');
        if (bracketed)
        {
            if (ip.IndexOf(']') != ip.Length - 1 || ip.IndexOf('[', 1) >= 0)
                return $"host IP '{ip}' has unbalanced brackets; write IPv6 as [::1]:8080:80 or [::1]::80";
            ip = ip[1..^1];
        }
        if (ip != "" && !GoIp.IsValid(ip))
            return ip.Contains(':') && !bracketed
                ? $"host IP '{ip}' is not an IP address; IPv6 host IPs go in brackets, e.g. [::1]:8080:80"
                : $"host IP '{ip}' is not an IP address";
        if (containerPort == "") return "container port is missing";
        if (ParseRange("container port", containerPort, out var cStart, out var cEnd) is { } badContainer) return badContainer;
        if (cStart == 0) return "container port 0 is out of range 1-65535";
        int hStart = 0, hEnd = 0;
        if (hostPort != "" && ParseRange("host port", hostPort, out hStart, out hEnd) is { } badHost) return badHost;

        // A host range with a single container port is allowed: the engine picks one free host port from it.
        if (hostPort != "" && cEnd - cStart != hEnd - hStart && cStart != cEnd)
        {
            var host = hStart == hEnd ? $"host port {hStart} has 1 port" : $"host port range {hStart}-{hEnd} has {hEnd - hStart + 1} ports";
            return $"{host} but container port range {cStart}-{cEnd} has {cEnd - cStart + 1}";
        }
        if (protocol.ToLowerInvariant() is not ("tcp" or "udp" or "sctp"))
            return $"protocol '{protocol}' is not one of tcp, udp, sctp";

        publication = new PortPublication
        {
            HostIp = ip == "" ? null : ip,
            HostPortStart = hStart,
            HostPortEnd = hEnd,
            ContainerPortStart = cStart,
            ContainerPortEnd = cEnd,
            Protocol = protocol.ToLowerInvariant(),
            ZeroHostPortWritten = hostPort != "" && hEnd == 0,
        };
        return null;
    }

    // Like docker: "80/udp/x" is udp, "80/" and "80//udp" are tcp.
    private static (string Protocol, string Port) SplitProtocol(string raw)
    {
        var parts = raw.Split('/');
        if (parts[0] == "") return ("", "");
        return parts.Length == 1 || parts[1] == "" ? ("tcp", parts[0]) : (parts[1], parts[0]);
    }

    // Like docker's ParsePortRange: "80-81-82" reads as 80-81, the rest is ignored.
    private static string? ParseRange(string what, string text, out int start, out int end)
    {
        start = end = 0;
        var dash = text.Split('-');
        if (dash.Length == 1)
        {
            var error = ParseNumber(what, text, text, out start);
            end = start;
            return error;
        }
        if ((ParseNumber(what, text, dash[0], out start) ?? ParseNumber(what, text, dash[1], out end)) is { } bad)
            return bad;
        return end < start ? $"{what} range {text} is reversed ({start} > {end})" : null;
    }

    // Go's strconv.ParseUint(s, 10, 16): ASCII digits only, leading zeros fine, no sign.
    private static string? ParseNumber(string what, string whole, string digits, out int value)
    {
        value = 0;
        if (digits == "" || !digits.All(char.IsAsciiDigit)) return $"{what} '{whole}' is not a port number";
        var number = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (number > 65535) return $"{what} {number} is out of range 1-65535";
        value = (int)number;
        return null;
    }

    // An unset end (0) below a real start cannot be a range, so read it as "not a range".
    private static int EndOf(int start, int end) => end == 0 ? start : end;

    private static string Range(int start, int end) => start == end ? $"{start}" : $"{start}-{end}";

    private static string BracketIfV6(string ip) => CliTwin.HostForPort(ip);

    private static string? StripBrackets(string? ip) =>
        ip is ['[', .., ']'] ? ip[1..^1] : ip;
}
