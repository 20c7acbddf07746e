namespace Courseware.Lab;

/// <summary>
/// A simulated machine on your LAN: a <c>--network none</c> container joined to the host by a veth pair, with an
/// address of its own and a default route via the host, like a laptop on the same Wi-Fi. It lets lesson 03 show, on
/// the learner's own engine, what a published port exposes to the network. Traffic goes only to the host's address on
/// the veth and to the lesson's own containers.
/// </summary>
public sealed record LanNeighbour(
    string Name,
    string Address,
    string HostAddress,
    string HostInterface,
    bool Available,
    string Why,
    IReadOnlyList<string> CommandLines)
{
    /// <summary>The prefix both ends use: a /30 holds exactly the host and the neighbour.</summary>
    public const int PrefixLength = 30;

    public override string ToString() => Available
        ? $"{Name}: a LAN neighbour at {Address}/{PrefixLength}; the host is {HostAddress} on {HostInterface}"
        : $"{Name}: no LAN neighbour on this engine ({Why})";
}

/// <summary>What the neighbour got when it tried one address and port.</summary>
public sealed record ReachResult(string What, string Target, bool Reachable, string Detail, string CommandLine)
{
    public override string ToString() => $"{What}: {Target} {(Reachable ? "reachable" : "blocked")}{(Detail.Length > 0 ? $" ({Detail})" : "")}";
}
