using System.Net.Sockets;
using Xunit.Sdk;

namespace Courseware.Lab.Tests;

/// <summary>
/// A test that needs a Docker engine. Outside CI it is skipped, with the reason, when no engine answers; in CI
/// (CI=true) it always runs, so a missing engine fails the build instead of passing silently. It carries the trait
/// Needs=Docker (<see cref="Courseware.Tests.DockerTraitDiscoverer"/>), which selects the Docker-facing tests per engine.
/// </summary>
[TraitDiscoverer("Courseware.Tests.DockerTraitDiscoverer", "Courseware.Lab.Tests")]
public sealed class DockerFactAttribute : FactAttribute, ITraitAttribute
{
    public DockerFactAttribute()
    {
        if (Skip is null && !DockerAvailability.InCi && !DockerAvailability.EngineAnswers)
            Skip = "No Docker engine answers (run scripts/ensure-docker.sh). In CI this test fails instead of skipping.";
    }
}

/// <summary>The theory form of <see cref="DockerFactAttribute"/>.</summary>
[TraitDiscoverer("Courseware.Tests.DockerTraitDiscoverer", "Courseware.Lab.Tests")]
public sealed class DockerTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public DockerTheoryAttribute()
    {
        if (Skip is null && !DockerAvailability.InCi && !DockerAvailability.EngineAnswers)
            Skip = "No Docker engine answers (run scripts/ensure-docker.sh). In CI this test fails instead of skipping.";
    }
}

public static class DockerAvailability
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<bool> Answers = new(() =>
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is { } h && h.StartsWith("unix://", StringComparison.Ordinal) ? h["unix://".Length..] : "/var/run/docker.sock";
        if (host is not null && !host.StartsWith("unix://", StringComparison.Ordinal)) return true; // let the test find out
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException) { return false; }
    });

    public static bool EngineAnswers => Answers.Value;
}
