using System.Net;
using Docker.DotNet;

namespace Courseware.Lab;

/// <summary>
/// The one translation boundary between Docker.DotNet and the learner: what counts as "not found", the engine's own
/// message without Docker.DotNet's HTTP wrapping, and the typed <see cref="LabException"/> for anything else the
/// client throws (an engine error, or the engine gone between two cells). Every verb goes through it, so no raw
/// DockerApiException, HttpRequestException or AggregateException reaches a notebook.
/// </summary>
internal static class EngineErrors
{
    /// <summary>404 from the engine: Docker.DotNet's DockerContainerNotFoundException, DockerImageNotFoundException, ... or a bare 404.</summary>
    public static bool IsNotFound(Exception e) => e is DockerApiException { StatusCode: HttpStatusCode.NotFound };

    /// <summary>Already gone, or being removed by someone else (409): what a clean-up may ignore.</summary>
    public static bool IsGone(Exception e) => e is DockerApiException { StatusCode: HttpStatusCode.NotFound or HttpStatusCode.Conflict };

    /// <summary>
    /// Did this come from the Docker client (the engine refused, or could not be reached), as opposed to our own code?
    /// A call the interrupted cell cancelled did not: its broken connection says nothing about the engine.
    /// </summary>
    public static bool IsFromTheEngine(Exception e) =>
        e is not LabException and not OperationCanceledException && !CellCancellation.Current.IsCancellationRequested
        && (e is DockerApiException || EngineConnectionError.IsConnectionFailure(e));

    /// <summary>The engine's message without the HTTP wrapping Docker.DotNet adds.</summary>
    public static string Message(DockerApiException e)
    {
        var body = e.ResponseBody ?? e.Message;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("message", out var message)) return message.GetString() ?? body;
        }
        catch (System.Text.Json.JsonException) { }
        return body.Trim();
    }

    /// <param name="cli">The docker command this call stands for, e.g. "docker exec web ip addr".</param>
    /// <param name="fix">What to do when the engine refused it; a generic pointer to its message otherwise.</param>
    public static LabException Translate(Exception e, EngineInfo engine, string cli, string? fix = null) => e switch
    {
        LabException lab => lab,
        DockerApiException api when EngineDiskFull.From(Message(api), engine, cli) is { } full => full,
        DockerApiException api => new LabException($"{cli} failed: {Message(api)}",
            fix ?? $"Read the engine's message above; the same command in a terminal ({cli}) fails the same way.", Message(api), e),
        _ => EngineConnectionError.Translate(engine.Endpoint, e, afterConnect: true),
    };
}
