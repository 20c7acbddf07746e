namespace Courseware.Lab;

/// <summary>How a <see cref="DockerLab"/> connects and labels what it creates.</summary>
public sealed record LabOptions
{
    /// <summary>Overrides the session id. By default it is the lesson plus this process, so re-running a notebook's
    /// connect cell in the same kernel continues the same session instead of orphaning the earlier one.</summary>
    internal string? SessionId { get; init; }

    /// <summary>
    /// Ping containers from this host where the engine allows it (a Linux engine). Off, pings always come from a
    /// helper container on the target's network, as they must on Docker Desktop.
    /// </summary>
    internal bool PreferHostPing { get; init; } = true;

    /// <summary>
    /// The engine to talk to, as DOCKER_HOST would name it (unix:///var/run/docker.sock, tcp://host:2375). Null: the
    /// docker CLI's own choice (DOCKER_HOST, the current docker context, the default socket).
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>How long to wait for the engine to answer before calling it unreachable.</summary>
    internal TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Remove resources left by course processes that no longer exist (a killed kernel or test run).</summary>
    public bool RemoveLeftovers { get; init; } = true;
}
