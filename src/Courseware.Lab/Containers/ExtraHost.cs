using System.Net;

namespace Courseware.Lab;

/// <summary>The check the docker CLI makes on <c>--add-host NAME:ADDRESS</c>, made before anything is created.</summary>
internal static class ExtraHost
{
    /// <summary>The special address the engine replaces with its address for the host (Engine 20.10+).</summary>
    public const string HostGateway = "host-gateway";

    public static void Check(string entry)
    {
        // NAME:ADDRESS, split at the first colon so that an IPv6 address keeps its own (docker's ValidateExtraHost).
        var colon = entry.IndexOf(':');
        var name = colon < 0 ? entry : entry[..colon];
        var address = colon < 0 ? "" : entry[(colon + 1)..];
        if (name.Length == 0 || colon < 0 || address.Length == 0)
            throw new LabException($"--add-host '{entry}' is not NAME:ADDRESS.", "Write it as docker does, e.g. host.docker.internal:host-gateway or db:192.168.1.10.");
        if (address != HostGateway && !IPAddress.TryParse(address.Trim('[', ']'), out _))
            throw new LabException($"--add-host '{entry}': '{address}' is not an IP address.", $"Give an IP address, or {HostGateway} for the host's address as the engine sees it.");
    }
}
