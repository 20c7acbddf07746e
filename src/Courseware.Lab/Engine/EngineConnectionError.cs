using System.Net.Sockets;

namespace Courseware.Lab;

/// <summary>
/// Why the engine did not answer, told apart the way a learner needs it: each cause has a different fix. "Permission
/// denied" on the socket means the engine is probably running and this user may not use it, so "start the engine"
/// would be the wrong advice.
/// </summary>
internal enum EngineFault
{
    /// <summary>Nothing listens at the address (no socket file, connection refused, host unreachable).</summary>
    NotRunning,
    /// <summary>The unix socket exists but this user may not open it.</summary>
    PermissionDenied,
    /// <summary>DOCKER_HOST (or LabOptions.Endpoint) is not an address the client understands.</summary>
    InvalidEndpoint,
    /// <summary>Something accepted the connection but gave no answer in time.</summary>
    NoAnswer,
}

/// <summary>
/// Translates a failure to reach the engine (at connect time or later, e.g. while it restarts) into an
/// <see cref="EngineUnreachableException"/> with the fault's own problem and fix. Every connection-level failure of the
/// Docker client goes through <see cref="Translate"/>: the client wraps socket errors in AggregateException,
/// HttpRequestException or IOException depending on the transport, and none of them may reach a learner raw.
/// </summary>
internal static class EngineConnectionError
{
    /// <summary>Is this a failure to talk to the engine at all (as opposed to an error the engine returned)?</summary>
    public static bool IsConnectionFailure(Exception e) =>
        Chain(e).Any(x => x is SocketException or HttpRequestException or TimeoutException or UriFormatException
            || (x is IOException && x is not FileNotFoundException and not DirectoryNotFoundException));

    public static EngineUnreachableException Translate(string endpoint, Exception e, bool afterConnect = false)
    {
        var socket = Chain(e).OfType<SocketException>().FirstOrDefault();
        var reason = socket?.Message ?? DockerLab.Innermost(e).Message;
        var unixPath = UnixSocketPath(endpoint);
        var lost = afterConnect ? "The engine answered earlier in this session but no longer does: it stopped or is restarting. " : "";
        string StartFix(string at) => EngineConnectionError.StartFix(at) + (afterConnect
            ? " Once it answers again, re-run the cells from the one that starts your containers: an engine restart stops them."
            : "");

        if (socket?.SocketErrorCode is SocketError.AccessDenied || (unixPath is not null && reason.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)))
            return new EngineUnreachableException(endpoint, EngineFault.PermissionDenied,
                $"This user ({Environment.UserName}) may not use the Docker engine's socket {unixPath ?? endpoint}: permission denied. " +
                "The engine is probably running; its socket is open only to root and to the group that owns it (usually 'docker').",
                "Join the docker group: 'sudo usermod -aG docker $USER', then log out and in again (or run 'newgrp docker' in this " +
                "terminal) so that the new group applies; check with 'docker info'. Or use rootless Docker " +
                "('dockerd-rootless-setuptool.sh install', then export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock).", e);

        if (unixPath is not null && !File.Exists(unixPath))
            return new EngineUnreachableException(endpoint, EngineFault.NotRunning,
                $"{lost}No Docker engine at {endpoint}: the socket {unixPath} does not exist, so no engine listens there.",
                StartFix(endpoint), e);

        if (socket?.SocketErrorCode is SocketError.ConnectionRefused)
            return new EngineUnreachableException(endpoint, EngineFault.NotRunning,
                unixPath is not null
                    ? $"{lost}No Docker engine listens on {unixPath} (connection refused): the socket file is left from an engine that stopped."
                    : $"{lost}Nothing listens at {endpoint} (connection refused).",
                StartFix(endpoint), e);

        if (e is TimeoutException || Chain(e).Any(x => x is TimeoutException))
            return new EngineUnreachableException(endpoint, EngineFault.NoAnswer,
                $"{lost}The Docker engine at {endpoint} did not answer in time ({reason}).",
                "The engine may be starting or overloaded: wait a moment and re-run the cell; 'docker info' shows whether it answers. " +
                "If it never does, restart it (Linux: 'sudo systemctl restart docker'; Docker Desktop: Restart).", e);

        return new EngineUnreachableException(endpoint, EngineFault.NotRunning,
            $"{lost}No Docker engine answered at {endpoint} ({reason}).", StartFix(endpoint), e);
    }

    /// <summary>The client could not even be built for this address.</summary>
    public static EngineUnreachableException InvalidEndpoint(string endpoint, Exception e) =>
        new(endpoint, EngineFault.InvalidEndpoint,
            $"{Capitalised(EngineEndpoint.Origin(endpoint))} '{endpoint}' is not a Docker engine address ({DockerLab.Innermost(e).Message}).",
            "Use the form the docker CLI takes: unix:///var/run/docker.sock or tcp://HOST:2375 (see 'docker context inspect' " +
            "for yours), or unset DOCKER_HOST to use the default socket.", e);

    private static string StartFix(string endpoint) =>
        endpoint.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) || endpoint.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? $"Start the engine that should listen at {endpoint}, or correct {EngineEndpoint.Origin(endpoint)} (an engine on TCP " +
              "usually listens on port 2375, or 2376 with TLS); unset DOCKER_HOST to use this machine's engine. Check with 'docker info'."
            : EngineUnreachableException.StartTheEngine;

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string? UnixSocketPath(string endpoint) =>
        endpoint.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) ? endpoint["unix://".Length..] : null;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        var pending = new Stack<Exception>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var x = pending.Pop();
            yield return x;
            if (x is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (x.InnerException is not null)
                pending.Push(x.InnerException);
        }
    }
}
