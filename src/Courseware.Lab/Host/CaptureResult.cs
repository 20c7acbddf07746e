namespace Courseware.Lab;

/// <summary>
/// The packets tcpdump saw on one of the course's interfaces while a step ran (<see cref="HostCommands.CaptureAsync"/>),
/// with tcpdump's own closing counts (<c>9 packets captured</c>).
/// </summary>
public sealed record CaptureResult(string Interface, string Filter, IReadOnlyList<CapturedPacket> Packets, string Statistics, HostCommandResult Command)
{
    public override string ToString() =>
        $"$ {Command.HostCommand}\n" + (Packets.Count == 0 ? "(no packets)" : string.Join('\n', Packets.Select(p => p.ToString()))) +
        (Statistics.Length > 0 ? "\n" + Statistics : "");
}
