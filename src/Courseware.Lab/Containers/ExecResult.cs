namespace Courseware.Lab;

/// <summary>What <c>docker exec CONTAINER COMMAND</c> printed and returned.</summary>
public sealed record ExecResult(string Container, IReadOnlyList<string> Command, long ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
    public string CommandLine => CliTwin.Command(["docker", "exec", Container, .. Command]);
    public override string ToString() => $"$ {CommandLine}\n{Stdout}{Stderr}(exit code {ExitCode})";
}
