namespace Courseware.Lab;

/// <summary>What listens in a container's network namespace (<see cref="HostCommands.ListeningAsync"/>): <c>ss -ltunp</c>, parsed.</summary>
public sealed record ListeningSockets(string Container, IReadOnlyList<ListeningSocket> Sockets, HostCommandResult Command)
{
    public override string ToString() =>
        $"{Container}: $ {Command.HostCommand}\n" + (Sockets.Count == 0 ? "(nothing listens)" : string.Join('\n', Sockets.Select(s => s.ToString())));
}
