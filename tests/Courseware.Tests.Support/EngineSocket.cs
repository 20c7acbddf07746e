namespace Courseware.Tests.Support;

/// <summary>The unix socket of the engine the tests talk to, read from DOCKER_HOST the way the docker CLI reads it.</summary>
public static class EngineSocket
{
    public const string DefaultPath = "/var/run/docker.sock";

    /// <summary>DOCKER_HOST's unix:// path, or the default socket when it is unset; null when DOCKER_HOST is not a unix socket (tcp://…).</summary>
    public static string? UnixPath => Environment.GetEnvironmentVariable("DOCKER_HOST") switch
    {
        null or "" => DefaultPath,
        var host when host.StartsWith("unix://", StringComparison.Ordinal) => host["unix://".Length..],
        _ => null,
    };
}
