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

    /// <summary>The prefix of <c>--network container:NAME</c>: the new container shares NAME's network stack, no network of its own.</summary>
    public const string ContainerPrefix = "container:";

    /// <summary><c>container:NAME</c> (or <c>container:ID</c>, as the engine stores it): another container's network stack, not a network.</summary>
    public static bool IsContainerStack(string networkMode) => networkMode.StartsWith(ContainerPrefix, StringComparison.Ordinal);
}
