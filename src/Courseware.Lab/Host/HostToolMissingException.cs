namespace Courseware.Lab;

/// <summary>
/// A command the course runs on the engine's host (tcpdump, iptables, ss, conntrack) is not installed there. The helper
/// uses the host's own binaries, so the fix is to install the package on the engine's host.
/// </summary>
public sealed class HostToolMissingException : LabException
{
    internal HostToolMissingException(string tool, string package, string? details = null)
        : base($"The engine's host has no '{tool}' command.",
            $"Install it on the machine that runs the Docker engine (Debian/Ubuntu: sudo apt-get install {package}), then re-run the cell.", details) =>
        Tool = tool;

    /// <summary>The missing command.</summary>
    internal string Tool { get; }

    public override string Title => "Tool missing on the engine's host";
}
