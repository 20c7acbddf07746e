namespace Courseware.Lab;

/// <summary>
/// The IP literals Go's net.ParseIP accepts, which is what the docker CLI checks a -p host IP with.
/// .NET's IPAddress.TryParse is far looser ("1", "0x7f.1", "127.0.0.01", zones), so it cannot stand in.
/// </summary>
internal static class GoIp
{
    public static bool IsValid(string s)
    {
        foreach (var c in s)
        {
            if (c == '.') return IsV4(s);
            if (c == ':') return IsV6(s);
        }
        return false;
    }

    // Exactly four decimal fields, no leading zeros (Go rejects them as ambiguous octal).
    private static bool IsV4(string s) =>
        s.Split('.') is { Length: 4 } fields &&
        fields.All(f => f.Length is >= 1 and <= 3 && f.All(char.IsAsciiDigit) && (f.Length == 1 || f[0] != '0') && int.Parse(f, System.Globalization.CultureInfo.InvariantCulture) <= 255);

    // Port of netip.parseIPv6, minus zones (net.ParseIP refuses them).
    private static bool IsV6(string s)
    {
        int groups = 0, pos = 0;
        var ellipsis = false;
        if (s.StartsWith("::", StringComparison.Ordinal))
        {
            ellipsis = true;
            pos = 2;
            if (pos == s.Length) return true;
        }
        while (groups < 8)
        {
            var start = pos;
            while (pos < s.Length && char.IsAsciiHexDigit(s[pos]))
                if (++pos - start > 4) return false;
            if (pos == start) return false;
            if (pos < s.Length && s[pos] == '.')
            {
                // An embedded IPv4 address must be the last 32 bits.
                if ((!ellipsis && groups != 6) || groups > 6 || !IsV4(s[start..])) return false;
                groups += 2;
                pos = s.Length;
                break;
            }
            groups++;
            if (pos == s.Length) break;
            if (s[pos] != ':' || pos + 1 == s.Length) return false;
            if (s[++pos] == ':')
            {
                if (ellipsis) return false;
                ellipsis = true;
                if (++pos == s.Length) break;
            }
        }
        // "::" must stand for at least one zero group.
        return pos == s.Length && (groups < 8 ? ellipsis : !ellipsis);
    }
}
