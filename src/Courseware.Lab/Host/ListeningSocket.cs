namespace Courseware.Lab;

/// <summary>One listening socket, as <c>ss -ltunp</c> shows it: <c>tcp 127.0.0.1:8080 httpd (pid 4242)</c>.</summary>
public sealed record ListeningSocket(string Protocol, string Address, int Port, string Process)
{
    /// <summary>Reachable only from inside the namespace (127.0.0.0/8 or ::1).</summary>
    public bool LoopbackOnly => Address.StartsWith("127.", StringComparison.Ordinal) || Address == "::1";

    public override string ToString() => $"{Protocol} {CliTwin.HostForPort(Address)}:{Port}{(Process.Length > 0 ? " " + Process : "")}";
}
