namespace Courseware.Lab;

/// <summary>
/// One rule of the engine host's nat table, as <c>iptables -t nat -S</c> prints it, in columns:
/// <c>-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80</c> is chain DOCKER,
/// protocol tcp, match <c>! -i docker0 --dport 8080</c>, target DNAT, to <c>172.17.0.2:80</c>.
/// </summary>
public sealed record NatRule(string Chain, string Protocol, string Match, string Target, string To, string Rule)
{
    /// <summary>The <c>-s</c> source (a subnet for MASQUERADE), or empty.</summary>
    public string Source => Option("-s");

    /// <summary>The <c>--dport</c> host port a DNAT rule catches, or null.</summary>
    public int? DestinationPort => int.TryParse(Option("--dport"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;

    private string Option(string name)
    {
        var words = Match.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = Array.IndexOf(words, name);
        return i >= 0 && i + 1 < words.Length && (i == 0 || words[i - 1] != "!") ? words[i + 1] : "";
    }

    public override string ToString() => $"{Chain} {Protocol} {Match} -> {Target}{(To.Length > 0 ? " " + To : "")}";
}
