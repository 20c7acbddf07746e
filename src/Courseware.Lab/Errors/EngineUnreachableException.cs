namespace Courseware.Lab;

/// <summary>No Docker engine answered at the endpoint the docker CLI would use; <see cref="Fault"/> says why.</summary>
public sealed class EngineUnreachableException : LabException
{
    internal const string StartTheEngine =
        "Start the engine: on Linux run scripts/ensure-docker.sh (or 'sudo systemctl start docker'); with Docker Desktop, start Docker Desktop. " +
        "Check with 'docker info'. If you use another engine, set DOCKER_HOST or 'docker context use NAME'.";

    internal EngineUnreachableException(string endpoint, string reason, Exception? inner = null)
        : this(endpoint, EngineFault.NotRunning, $"No Docker engine answered at {endpoint} ({reason}).", StartTheEngine, inner)
    {
    }

    internal EngineUnreachableException(string endpoint, EngineFault fault, string problem, string fix, Exception? inner = null)
        : base(problem, fix, inner: inner)
    {
        Endpoint = endpoint;
        Fault = fault;
    }

    public string Endpoint { get; }

    internal EngineFault Fault { get; }

    public override string Title => Fault switch
    {
        EngineFault.PermissionDenied => "Docker socket: permission denied",
        EngineFault.InvalidEndpoint => "Docker engine address not valid",
        _ => "Docker engine not reachable",
    };
}
