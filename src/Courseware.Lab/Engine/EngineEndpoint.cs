namespace Courseware.Lab;

/// <summary>Finds the engine the way the docker CLI does: DOCKER_HOST, then the current docker context, then the default socket.</summary>
internal static class EngineEndpoint
{
    public static string Describe()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host)) return host;
        var context = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
        if (!string.IsNullOrWhiteSpace(context) && context != "default") return $"docker context '{context}'";
        return OperatingSystem.IsWindows() ? "npipe://./pipe/docker_engine" : "unix:///var/run/docker.sock";
    }

    /// <summary>Where the address came from, so that an error names the setting to correct.</summary>
    public static string Origin(string endpoint) =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") == endpoint ? "DOCKER_HOST" : "the engine address";
}
