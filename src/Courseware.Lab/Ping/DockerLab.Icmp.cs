namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// Can this process send ICMP echo itself? Where it cannot, <see cref="PingAsync(string, int, string?, CancellationToken)"/>
    /// pings from a helper container instead; <c>courseware doctor</c> reports which of the two a learner will see.
    /// </summary>
    public static bool CanSendIcmp(out string? reason)
    {
        using var socket = IcmpEcho.TryOpen(out _, out reason);
        return socket is not null;
    }
}
