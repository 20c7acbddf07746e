using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// Tells an engine that only speaks Docker's API (Podman's <c>podman system service</c>) from Docker itself. Its API
/// answers <c>docker version</c> with Docker's field names and an API version of 1.41, so without this check the lab
/// would report "Docker 4.3.1" and every lesson would fail somewhere in the middle. The lessons teach Docker's own
/// networking, which such an engine does not have, so <see cref="DockerLab.ConnectAsync"/> stops at once with what
/// differs (<see cref="UnsupportedEngineException"/>: the runner shows the lesson as not on this engine, exit 3).
/// </summary>
internal static class NotDockerEngine
{
    /// <summary>The component name Podman's compatible API gives itself in <c>GET /version</c>.</summary>
    internal const string PodmanComponent = "Podman Engine";

    /// <summary>Null for Docker (Engine, Desktop, rootless); the error to stop with for Podman.</summary>
    public static UnsupportedEngineException? WhyNot(VersionResponse version, string endpoint)
    {
        var podman = (version.Components ?? []).FirstOrDefault(c => string.Equals(c.Name, PodmanComponent, StringComparison.OrdinalIgnoreCase));
        var platform = version.Platform?.Name ?? "";
        if (podman is null && !platform.Contains("Podman", StringComparison.OrdinalIgnoreCase)) return null;
        return new UnsupportedEngineException(
            $"The engine at {endpoint} is Podman {podman?.Version ?? version.Version}, not Docker: it answers Docker's API, but the " +
            "lessons teach what Docker itself does, and Podman does it differently. An image loaded into it keeps no tag in its " +
            $"Docker API (the seeded {LabImages.Base} among them), so a lesson's FROM {LabImages.Base} goes to a registry; its " +
            "'bridge' network is Podman's default network (10.88.0.0/16, not docker0), with no 'host' or 'none' network to name; " +
            "no embedded DNS at 127.0.0.11 answers container names; and it has no swarm mode (lesson 07). None of the " +
            "lessons runs on it.",
            "Use Docker: Docker Engine on Linux (scripts/ensure-docker.sh, or your distribution's docker.io) or Docker Desktop, " +
            "and point DOCKER_HOST at it (unset it for /var/run/docker.sock, unless podman-docker put Podman's socket there). " +
            "Check with 'docker version': its Server must say Docker Engine, not Podman Engine.");
    }
}
