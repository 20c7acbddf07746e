namespace Courseware.Lab;

/// <summary>The networks every engine has from the start (docker network ls on a fresh engine): they cannot be created or removed.</summary>
public static class PredefinedNetworks
{
    /// <summary>The default bridge (docker0): where a container goes without --network; no DNS by name.</summary>
    public const string Bridge = "bridge";

    /// <summary>The host's own network stack (--network host).</summary>
    public const string Host = "host";

    /// <summary>Only a loopback interface (--network none).</summary>
    public const string None = "none";

    public static bool Contains(string name) => name is Bridge or Host or None;
}
