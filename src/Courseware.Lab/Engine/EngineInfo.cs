namespace Courseware.Lab;

/// <summary>What `docker version` and `docker info` say about the engine the lab talks to.</summary>
public sealed record EngineInfo(
    string Endpoint,
    string EngineVersion,
    string ApiVersion,
    string Os,
    string OperatingSystem,
    string KernelVersion,
    bool IsDockerDesktop)
{
    /// <summary>
    /// On a Linux engine container IPs are routable from the host; Docker Desktop runs the engine in a VM,
    /// so the host cannot reach them and pings must come from a container instead.
    /// </summary>
    /// <summary>
    /// A rootless engine (docker info: SecurityOptions name=rootless): dockerd, its bridges and containers live in
    /// rootlesskit's network namespace, reached from the host only through published ports.
    /// </summary>
    public bool IsRootless { get; init; }

    public bool HostCanReachContainerIps => !IsDockerDesktop && Os == "linux" && OperatingSystem.Length > 0;

    public override string ToString() =>
        $"Docker {EngineVersion} (API {ApiVersion}) on {OperatingSystem} [{(IsDockerDesktop ? "Docker Desktop" : "Linux engine")}] at {Endpoint}";
}
