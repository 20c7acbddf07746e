using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// One lab's connection to its engine: the client, this session's labels, and the one way an engine call runs and fails.
/// <see cref="DockerLab"/> makes one and hands it to its command groups (networks, volumes, swarm, services, cluster,
/// host), so they reach the engine through it rather than through DockerLab's own members.
/// </summary>
internal sealed class EngineSession(DockerClient client, RawEngineApi raw, EngineInfo engine, string lesson, LabOptions options)
{
    /// <summary>Marks the OperationCanceledException that already names the interrupted docker command.</summary>
    private const string InterruptedCall = "courseware.interrupted-call";

    public DockerClient Client { get; } = client;

    /// <summary>The engine's own JSON for the inspect verbs (see <see cref="RawEngineApi"/>).</summary>
    public RawEngineApi Raw { get; } = raw;

    public EngineInfo Engine { get; } = engine;

    public string Lesson { get; } = lesson;

    public LabOptions Options { get; } = options;

    public string SessionId { get; } = options.SessionId ?? $"{lesson}@{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The labels for a new resource of this session.</summary>
    public Dictionary<string, string> NewLabels()
    {
        var labels = new Dictionary<string, string> { [LabLabels.Session] = SessionId, [LabLabels.Lesson] = Lesson };
        SessionOwner.AddTo(labels);
        return labels;
    }

    public static IDictionary<string, IDictionary<string, bool>> LabelFilter(string label) =>
        new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } };

    public IDictionary<string, IDictionary<string, bool>> SessionFilter() => LabelFilter($"{LabLabels.Session}={SessionId}");

    /// <summary>Runs one engine call of a verb; whatever the client throws leaves as a typed error (see <see cref="EngineErrors"/>).</summary>
    public async Task<T> EngineAsync<T>(string cli, Func<Task<T>> call, string? fix = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw await WithCourseUsageAsync(EngineErrors.Translate(e, Engine, cli, fix)).ConfigureAwait(false);
        }
        // Whichever way the transport ended (an aborted read, or its own OperationCanceledException, as on a rootless
        // engine), an interrupted cell's call says which docker command was cancelled; an inner call's message stays.
        catch (Exception e) when (CellCancellation.Current.IsCancellationRequested && !e.Data.Contains(InterruptedCall))
        {
            var interrupted = new OperationCanceledException($"{cli} was cancelled: the cell was interrupted.", e, CellCancellation.Current);
            interrupted.Data[InterruptedCall] = cli;
            throw interrupted;
        }
    }

    public Task EngineAsync(string cli, Func<Task> call, string? fix = null) =>
        EngineAsync<bool>(cli, async () => { await call().ConfigureAwait(false); return true; }, fix);

    /// <summary>A full engine disk gains what the course itself takes there (three list calls); any other error stays as it is.</summary>
    public async Task<Exception> WithCourseUsageAsync(Exception e) =>
        e is EngineDiskFullException { CourseUsage: null } full && await EngineDiskFull.CourseUsageAsync(Client).ConfigureAwait(false) is { } usage
            ? full.WithCourseUsage(usage)
            : e;

    /// <summary>
    /// An inspect whose "no such object" is an answer, not an error: null when the engine has none of that name (404);
    /// any other failure leaves typed, as <paramref name="cli"/>.
    /// </summary>
    public async Task<T?> InspectOrNullAsync<T>(string cli, Func<Task<T>> inspect) where T : class
    {
        try
        {
            return await inspect().ConfigureAwait(false);
        }
        catch (Exception e) when (EngineErrors.IsNotFound(e)) { return null; }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e)) { throw EngineErrors.Translate(e, Engine, cli); }
    }

    /// <summary>The text <c>docker inspect</c> prints: the engine's bytes, re-indented; the typed model only where no raw transport exists.</summary>
    /// <summary>The typed inspect written as the engine writes it: fields it left out stay out.</summary>
    private static readonly JsonSerializerOptions WithoutNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public async Task<string> RawInspectAsync(string path, object typed, CancellationToken cancellationToken)
    {
        var raw = await EngineAsync("docker inspect", () => Raw.GetAsync(path, cancellationToken)).ConfigureAwait(false);
        return raw is not null
            ? RawEngineApi.AsCliInspect(raw)
            : RawEngineApi.AsCliInspect(JsonSerializer.Serialize(typed, WithoutNulls));
    }

    /// <summary>One removal: false when the object was already gone (404, or 409: being removed); anything else leaves typed.</summary>
    public Task<bool> RemovalAsync(string cli, Func<Task> remove) => EngineAsync(cli, () => TryRemoveAsync(remove));

    /// <summary>A removal that another cleaner (a parallel test, the runner's Ctrl+C handler) may have done first: that is success too.</summary>
    public static async Task<bool> TryRemoveAsync(Func<Task> remove)
    {
        try
        {
            await remove().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (EngineErrors.IsGone(e)) { return false; }
    }

    /// <summary><c>docker rm -f NAME</c>: false when there was no such container.</summary>
    public Task<bool> RemoveContainerAsync(string container, CancellationToken cancellationToken) =>
        RemovalAsync($"docker rm -f {container}", () => Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken));

    /// <summary>Removes the course's earlier container of this very name, so that it can be made again (a re-run cell).</summary>
    public async Task ReplaceCourseContainerAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await InspectOrNullAsync($"docker inspect {name}", () => Client.Containers.InspectContainerAsync(name, cancellationToken)).ConfigureAwait(false);
        if (existing is null) return;
        // "db" may have found another container whose ID starts with db…, not an earlier "db" (MayReplace says so).
        if (!MayReplace("container", name, existing.Name?.TrimStart('/'), existing.Config?.Labels, $"docker rm -f {name}")) return;
        await RemoveContainerAsync(existing.ID, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An inspect by <paramref name="name"/> found a resource called <paramref name="foundName"/>, which the course is
    /// about to remove to make its own again (a re-run cell). False if it is another one: the engine answers a name it
    /// lacks with a resource whose ID starts with it, so the named one does not exist. True if it is the course's own and
    /// this session may replace it: this process's, or a leftover of a process that is gone. Throws if the course did
    /// not make it, or if another live session owns it.
    /// </summary>
    public bool MayReplace(string kind, string name, string? foundName, IDictionary<string, string>? labels, string removeCommand)
    {
        if (foundName != name) return false;
        if (labels is null || !labels.TryGetValue(LabLabels.Session, out var session))
            throw new LabException($"A {kind} named '{name}' already exists and was not made by this course.",
                $"Pick another name, or remove it yourself if you are sure: {removeCommand}");
        if (session == SessionId) return true;
        if (SessionOwner.IsThisProcess(labels) || SessionOwner.IsGone(labels)) return true;
        labels.TryGetValue(LabLabels.OwnerHost, out var host);
        labels.TryGetValue(LabLabels.OwnerPid, out var pidText);
        throw new SessionInUseException(kind, name, session, pidText, host);
    }
}
