using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// One learner's session on a Docker engine. Each method mirrors a docker CLI verb:
/// <c>BuildAsync</c> is <c>docker build</c>, <c>RunAsync</c> is <c>docker run -d</c>, <c>Network.CreateAsync</c> is
/// <c>docker network create</c>. Everything it creates is labelled <c>courseware.session</c> and removed by <see cref="CleanAsync"/>.
/// </summary>
public sealed partial class DockerLab : IAsyncDisposable, IDisposable
{
    private DockerLab(DockerClient client, RawEngineApi raw, EngineInfo engine, string lesson, LabOptions options)
    {
        Session = new EngineSession(client, raw, engine, lesson, options);
        Network = new NetworkCommands(Session, this);
        Volume = new VolumeCommands(Session);
        Swarm = new SwarmCommands(Session);
        Service = new ServiceCommands(Session);
        Cluster = new ClusterCommands(Session, this);
        Host = new HostCommands(Session, this);
        CountSession();
    }

    /// <summary>The client, the labels and the engine-call wrapper this lab shares with its command groups.</summary>
    internal EngineSession Session { get; }

    internal DockerClient Client => Session.Client;

    /// <summary>The engine's own JSON for the inspect verbs (see <see cref="RawEngineApi"/>).</summary>
    internal RawEngineApi Raw => Session.Raw;
    internal LabOptions Options => Session.Options;

    /// <summary>The engine this lab talks to (docker version / docker info).</summary>
    public EngineInfo Engine => Session.Engine;

    /// <summary>The lesson name, stored in the <c>courseware.lesson</c> label.</summary>
    internal string Lesson => Session.Lesson;

    /// <summary>The value of the <c>courseware.session</c> label on everything this lab creates.</summary>
    internal string SessionId => Session.SessionId;

    /// <summary><c>docker network ...</c></summary>
    public NetworkCommands Network { get; }

    /// <summary><c>docker volume ...</c></summary>
    public VolumeCommands Volume { get; }

    /// <summary><c>docker swarm ...</c> and <c>docker node ls</c></summary>
    public SwarmCommands Swarm { get; }

    /// <summary><c>docker service ...</c> (on a swarm manager)</summary>
    public ServiceCommands Service { get; }

    /// <summary>Several Docker hosts on this machine, each an engine in a container (lesson 07).</summary>
    public ClusterCommands Cluster { get; }

    /// <summary>The engine host's own tools (iptables, ss, tcpdump), run by a short-lived helper container.</summary>
    public HostCommands Host { get; }

    /// <summary>
    /// Connects to the engine the docker CLI would use (DOCKER_HOST, docker context, default socket)
    /// and removes what killed course runs left behind.
    /// </summary>
    public static async Task<DockerLab> ConnectAsync(string lesson = "lab", LabOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LabOptions();
        if (string.IsNullOrWhiteSpace(lesson))
            throw new LabException("The lesson name is empty.", "Pass a short name, e.g. DockerLab.ConnectAsync(\"01-exposing-ports\"); it labels what the lesson creates.");

        var endpoint = options.Endpoint ?? EngineEndpoint.Describe();
        DockerClient client;
        var capture = new RawEngineApi.Capture();
        try
        {
            var builder = new DockerClientBuilder();
            if (options.Endpoint is not null) builder = builder.WithEndpoint(new Uri(options.Endpoint));
            builder = capture.Attach(builder, endpoint);
            if (CellCancellation.Source is not null && IsPlain(endpoint)) builder = builder.WithAuthProvider(new CellCancellationHandler());
            client = builder.Build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw EngineConnectionError.InvalidEndpoint(endpoint, e);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            var version = await client.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
            if (NotDockerEngine.WhyNot(version, endpoint) is { } notDocker)
            {
                client.Dispose();
                throw notDocker;
            }
            var info = await client.System.GetSystemInfoAsync(timeout.Token).ConfigureAwait(false);
            var engine = new EngineInfo(
                endpoint,
                version.Version ?? "?",
                version.APIVersion ?? "?",
                version.Os ?? info.OSType ?? "?",
                info.OperatingSystem ?? "",
                info.KernelVersion ?? version.KernelVersion ?? "",
                IsDockerDesktop(info))
            {
                IsRootless = (info.SecurityOptions ?? []).Any(o => o.Split(',').Contains("name=rootless", StringComparer.Ordinal)),
                DataRoot = info.DockerRootDir ?? "",
            };
            var lab = new DockerLab(client, capture.ToApi(engine.ApiVersion), engine, lesson, options);
            if (options.RemoveLeftovers)
                await lab.RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);
            return lab;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw EngineConnectionError.Translate(endpoint, new TimeoutException($"no answer within {options.ConnectTimeout.TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is not LabException && (EngineConnectionError.IsConnectionFailure(e) || e is DockerApiException))
        {
            client.Dispose();
            throw EngineConnectionError.Translate(endpoint, e);
        }
    }

    /// <summary>A unix socket, or tcp without TLS: no auth provider of Docker.DotNet's own to keep.</summary>
    private static bool IsPlain(string endpoint) =>
        endpoint.StartsWith("unix://", StringComparison.Ordinal)
        || (endpoint.StartsWith("tcp://", StringComparison.Ordinal)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_CERT_PATH")));

    private static bool IsDockerDesktop(SystemInfoResponse info) =>
        (info.OperatingSystem ?? "").Contains("Docker Desktop", StringComparison.OrdinalIgnoreCase)
        || (info.KernelVersion ?? "").Contains("linuxkit", StringComparison.OrdinalIgnoreCase);

    internal static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    public void Dispose()
    {
        StopHostListeners();
        Client.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"DockerLab '{Lesson}' (session {SessionId}) on {Engine}";
}
