namespace Courseware.Lab;

/// <summary>The host port asked for is taken, by another container or another program.</summary>
public sealed class PortAlreadyAllocatedException(int port, int? suggestedPort, string engineMessage)
    : LabException(
        $"Host port {port} is already allocated: something else (another container or program) listens on it.",
        suggestedPort is int free
            ? $"Publish on a free host port instead, e.g. -p {free}:<container port>, or stop what holds {port} (docker ps shows containers that publish it)."
            : $"Publish on another host port, or stop what holds {port} (docker ps shows containers that publish it).",
        engineMessage)
{
    public int Port { get; } = port;
    public int? SuggestedPort { get; } = suggestedPort;
    public override string Title => "Port already allocated";
}
