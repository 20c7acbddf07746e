namespace Courseware.Lab;

/// <summary>
/// What a command run on the engine's host printed and returned (<see cref="HostCommands.RunAsync(string[])"/>).
/// <see cref="Command"/> is the host command (<c>ss -ltn</c>); <see cref="CommandLine"/> is its docker CLI twin, the
/// helper container that ran it.
/// </summary>
public sealed record HostCommandResult(IReadOnlyList<string> Command, long ExitCode, string Stdout, string Stderr, string CommandLine)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The host command as a shell line: <c>iptables -t nat -S DOCKER</c>.</summary>
    public string HostCommand => CliTwin.Command(Command);

    public override string ToString() => $"$ {HostCommand}\n{Stdout}{Stderr}(exit code {ExitCode})";
}
