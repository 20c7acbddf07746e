namespace Courseware.Lab;

/// <summary>No Docker engine answered at the endpoint the docker CLI would use.</summary>
public sealed class EngineUnreachableException(string endpoint, string reason, Exception? inner = null)
    : LabException(
        $"No Docker engine answered at {endpoint} ({reason}).",
        "Start the engine: on Linux run scripts/ensure-docker.sh (or 'sudo systemctl start docker'); with Docker Desktop, start Docker Desktop. " +
        "Check with 'docker info'. If you use another engine, set DOCKER_HOST or 'docker context use NAME'.",
        inner: inner)
{
    public string Endpoint { get; } = endpoint;
    public override string Title => "Docker engine not reachable";
}
