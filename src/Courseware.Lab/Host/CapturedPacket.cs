namespace Courseware.Lab;

/// <summary>
/// One packet tcpdump printed (<c>tcpdump -n -l</c>): its time, source and destination (<c>172.17.0.1:59812</c>, or an
/// address alone), protocol and the rest of its line (<c>Flags [S], seq 1, …</c>).
/// </summary>
public sealed record CapturedPacket(string Time, string Source, string Destination, string Protocol, string Summary)
{
    /// <summary>The source address without its port.</summary>
    public string SourceAddress => AddressOf(Source);

    /// <summary>The destination address without its port.</summary>
    public string DestinationAddress => AddressOf(Destination);

    private static string AddressOf(string endpoint)
    {
        if (endpoint.StartsWith('[')) return endpoint[1..endpoint.IndexOf(']', StringComparison.Ordinal)];
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && endpoint.IndexOf(':', StringComparison.Ordinal) == colon ? endpoint[..colon] : endpoint;
    }

    public override string ToString() => $"{Time} {Protocol} {Source} > {Destination}: {Summary}";
}
