namespace Courseware.Lab;

/// <summary>
/// The host port asked for is taken. The engine's message tells whether one of its containers publishes it or a
/// program outside the engine listens on it; the problem and the fix say which, and name the program when visible.
/// </summary>
public sealed class PortAlreadyAllocatedException : LabException
{
    public PortAlreadyAllocatedException(int port, int? suggestedPort, string engineMessage)
        : this(port, suggestedPort, engineMessage, HostPortHolder.IsAnotherContainer(engineMessage), HostPortHolder.IsAnotherContainer(engineMessage) ? null : HostPortHolder.Process(port))
    {
    }

    private PortAlreadyAllocatedException(int port, int? suggestedPort, string engineMessage, bool byContainer, string? program)
        : base(
            byContainer
                ? $"Host port {port} is already allocated: another container on this engine publishes it."
                : $"Host port {port} is in use by another program on this machine, not by a container of this engine{(program is null ? "" : $": {program}")}.",
            (suggestedPort is int free ? $"Publish on a free host port instead, e.g. -p {free}:<container port>, or " : "Publish on another host port, or ") +
            (byContainer
                ? $"remove the container that holds {port}: docker ps shows it in the PORTS column (docker rm -f NAME)."
                : $"stop {(program is null ? "the program that listens on it" : program)} (ss -ltnp 'sport = :{port}' shows it)."),
            engineMessage)
    {
        Port = port;
        SuggestedPort = suggestedPort;
        HeldByContainer = byContainer;
        HoldingProgram = program;
    }

    public int Port { get; }
    public int? SuggestedPort { get; }

    /// <summary>True when a container of this engine publishes the port; false when a program outside the engine holds it.</summary>
    internal bool HeldByContainer { get; }

    /// <summary>"nc (pid 4242)" when the holder is a visible process on this machine.</summary>
    internal string? HoldingProgram { get; }

    public override string Title => "Port already allocated";
}
