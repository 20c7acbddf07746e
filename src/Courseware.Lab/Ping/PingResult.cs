namespace Courseware.Lab;

/// <summary>Where a ping was sent from.</summary>
public enum PingPath
{
    /// <summary>ICMP echo from this host straight to the container's IP (what the lesson asks you to try).</summary>
    Host,

    /// <summary>busybox ping from inside a container on the same network, for engines whose container IPs the host cannot reach.</summary>
    Container,
}

/// <summary>One echo reply, or a lost request (<see cref="RoundTripMs"/> null).</summary>
public sealed record PingReply(int Sequence, double? RoundTripMs, int? Ttl)
{
    public bool Received => RoundTripMs is not null;
    public override string ToString() => Received ? $"seq={Sequence} ttl={Ttl} time={RoundTripMs:0.000} ms" : $"seq={Sequence} lost";
}

/// <summary>The statistics <c>ping -c N</c> prints, with each reply's round trip at sub-millisecond precision.</summary>
public sealed record PingResult(string Target, string Address, PingPath Path, string From, string Why, IReadOnlyList<PingReply> Replies, string? Error = null)
{
    public int Sent => Replies.Count;
    public int Received => Replies.Count(r => r.Received);
    public double LossPercent => Sent == 0 ? 100 : 100.0 * (Sent - Received) / Sent;
    public double? MinMs => Received == 0 ? null : Replies.Where(r => r.Received).Min(r => r.RoundTripMs);
    public double? AvgMs => Received == 0 ? null : Replies.Where(r => r.Received).Average(r => r.RoundTripMs);
    public double? MaxMs => Received == 0 ? null : Replies.Where(r => r.Received).Max(r => r.RoundTripMs);

    /// <summary>What was pinged, as it was passed (a name stays a name); null: the address.</summary>
    public string? Destination { get; init; }

    /// <summary>How many echo requests were asked for (Sent counts only those that went out).</summary>
    public int? Count { get; init; }

    /// <summary>
    /// The command this ping is: <c>ping -c N -i 0.2 -W 1 ADDRESS</c> from the host, or that ping run by docker exec in
    /// the source container. Both send every 0.2 s and wait at most 1 s per reply, so an unreachable target ends fast.
    /// </summary>
    public string CommandLine => Path == PingPath.Host
        ? CliTwin.Command(Arguments(Count ?? Sent, Address))
        : CliTwin.Command(["docker", "exec", From, .. Arguments(Count ?? Sent, Destination ?? Target)]);

    /// <summary>The ping arguments both paths use (busybox's and iputils' ping take the same flags).</summary>
    internal static string[] Arguments(int count, string destination) =>
        ["ping", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", destination];

    public override string ToString() =>
        Error is not null && Received == 0
            ? $"PING {Target} ({Address}) from {From}: {Error}"
            : $"PING {Target} ({Address}) from {From}: {Sent} transmitted, {Received} received, {LossPercent:0.#}% packet loss" +
              (Received == 0 ? "" : $", rtt min/avg/max = {MinMs:0.000}/{AvgMs:0.000}/{MaxMs:0.000} ms");
}
