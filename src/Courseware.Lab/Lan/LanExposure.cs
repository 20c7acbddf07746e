namespace Courseware.Lab;

/// <summary>The things lesson 03's LAN neighbour tries, each with what Docker does about it before and from Engine 28.0.</summary>
public enum Exposure
{
    /// <summary>The host's address, a port published with plain <c>-p HOST:CONTAINER</c>.</summary>
    PublishedOnAllInterfaces,

    /// <summary>The host's address, a port published with <c>-p 127.0.0.1:HOST:CONTAINER</c>.</summary>
    PublishedOnLoopbackOnly,

    /// <summary>The container's own IP, port 80, with a route via the host, where the container published 80 on 127.0.0.1 only.</summary>
    ContainerIpOfLoopbackPublished,

    /// <summary>The container's own IP, port 80, where the container published nothing.</summary>
    ContainerIpUnpublished,

    /// <summary>A program on the host itself (not in a container), with no firewall.</summary>
    HostProgram,

    /// <summary>
    /// A program on the host bound to the default bridge's gateway address only, with a route via the host: the gateway
    /// is an address of the host, and Engine 28's filtering protects container addresses, not it.
    /// </summary>
    HostProgramOnGateway,

    /// <summary>The same host program behind a firewall rule that drops everything from the neighbour's interface.</summary>
    HostProgramBehindFirewall,

    /// <summary>The plain published port behind that same firewall rule.</summary>
    PublishedBehindFirewall,
}

/// <summary>
/// What a machine on the LAN reaches, by engine version. Measured with <see cref="DockerLab.AddLanNeighbourAsync"/> on
/// Debian's Engine 20.10 and 28.5 (rootful, iptables). Engine 28.0 started filtering direct routing to container IPs
/// (moby/moby#45610; release notes: "direct routing"; the daemon option <c>allow-direct-routing</c> that turns it off
/// came in 28.2); a published port is DNAT-ed in the nat table's PREROUTING and then forwarded (FORWARD, never INPUT),
/// so a host firewall on INPUT does not cover it on either.
/// </summary>
public static class LanExposure
{
    public static readonly Version DirectRoutingFilteredFrom = new(28, 0);

    public static readonly IReadOnlyList<Exposure> All = Enum.GetValues<Exposure>();

    /// <summary>Is it reachable from the LAN on engines before 28.0, and from 28.0 on?</summary>
    public static (bool Before28, bool From28) Expected(Exposure what) => what switch
    {
        Exposure.PublishedOnAllInterfaces => (true, true),
        Exposure.PublishedOnLoopbackOnly => (false, false),
        Exposure.ContainerIpOfLoopbackPublished => (true, false),
        Exposure.ContainerIpUnpublished => (false, false),
        Exposure.HostProgram => (true, true),
        Exposure.HostProgramOnGateway => (true, true),
        Exposure.HostProgramBehindFirewall => (false, false),
        Exposure.PublishedBehindFirewall => (true, true),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    /// <summary>What this engine should do (a rootful Linux engine; others cannot host the neighbour).</summary>
    public static bool ExpectedOn(EngineInfo engine, Exposure what) =>
        engine.Version >= DirectRoutingFilteredFrom ? Expected(what).From28 : Expected(what).Before28;

    /// <summary>
    /// What the neighbour got, where one was wired; elsewhere (rootless, Desktop) what a rootful Linux engine of this
    /// version does: the answer a lesson's reveal compares a prediction with.
    /// </summary>
    public static bool SeenOrExpected(EngineInfo engine, LanNeighbour neighbour, IReadOnlyDictionary<Exposure, ReachResult> reached, Exposure what,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(neighbour))] string? neighbourExpression = null)
    {
        neighbour = EarlierStep.Neighbour(neighbour, neighbourExpression);
        ArgumentNullException.ThrowIfNull(reached);
        return neighbour.Available && reached.TryGetValue(what, out var seen) ? seen.Reachable : ExpectedOn(engine, what);
    }

    public static string Describe(Exposure what) => what switch
    {
        Exposure.PublishedOnAllInterfaces => "host, port published with -p HOST:80",
        Exposure.PublishedOnLoopbackOnly => "host, port published with -p 127.0.0.1:HOST:80",
        Exposure.ContainerIpOfLoopbackPublished => "that 127.0.0.1-published container's own IP, port 80, routed via the host",
        Exposure.ContainerIpUnpublished => "a container that published nothing, its own IP, port 80",
        Exposure.HostProgram => "a program on the host itself (no container)",
        Exposure.HostProgramOnGateway => "a host program bound to the bridge gateway only, routed via the host",
        Exposure.HostProgramBehindFirewall => "that host program, behind a host firewall (INPUT DROP from the LAN)",
        Exposure.PublishedBehindFirewall => "host, the -p HOST:80 port, behind the same firewall",
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };
}
