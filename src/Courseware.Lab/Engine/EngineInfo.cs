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
    /// A rootless engine (<c>docker info</c> lists <c>name=rootless</c> under Security Options): dockerd runs as an
    /// ordinary user inside rootlesskit's own network namespace, so its bridges and container IPs are not on the host.
    /// </summary>
    public bool IsRootless { get; init; }

    /// <summary>
    /// The engine's data root (<c>docker info</c>'s Docker Root Dir, e.g. /var/lib/docker): the disk that holds its images,
    /// layers and containers, the one that is full when the engine says "no space left on device". Empty when unknown.
    /// </summary>
    public string DataRoot { get; init; } = "";

    /// <summary>The engine's version as numbers (20.10.24+dfsg1 → 20.10.24), for claims that differ between releases.</summary>
    public Version Version => ParseVersion(EngineVersion);

    /// <summary>
    /// Only a rootful Linux engine puts its bridges on the host, so only there are container IPs routable from the host.
    /// Docker Desktop runs the engine in a VM and a rootless engine in rootlesskit's namespace: a ping to a container IP
    /// from the host would leave the machine by the default route, so pings come from a container instead.
    /// </summary>
    public bool HostCanReachContainerIps => !IsDockerDesktop && !IsRootless && Os == "linux" && OperatingSystem.Length > 0;

    /// <summary>"Docker Desktop", "rootless Linux engine" or "Linux engine": the three cases the lessons' prose covers.</summary>
    public string Kind => IsDockerDesktop ? "Docker Desktop" : IsRootless ? "rootless Linux engine" : Os == "linux" ? "Linux engine" : Os + " engine";

    /// <summary>Why the host can or cannot reach container IPs on this engine, in one sentence.</summary>
    public string ContainerIpReach =>
        HostCanReachContainerIps ? "Container IPs are routable from this host: the engine's bridges are interfaces of this machine."
        : IsDockerDesktop ? "The engine runs in a VM: this computer cannot reach container IPs."
        : IsRootless ? "The engine is rootless: its bridges live in rootlesskit's network namespace, not on this host, so this host cannot reach container IPs."
        : "This host cannot reach container IPs directly.";

    internal static Version ParseVersion(string text)
    {
        var numeric = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
        return Version.TryParse(numeric.Contains('.') ? numeric : numeric + ".0", out var v) ? v : new Version(0, 0);
    }

    public override string ToString() =>
        $"Docker {EngineVersion} (API {ApiVersion}) on {OperatingSystem} [{Kind}] at {Endpoint}";
}
