using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// <c>docker run -d[it] [-p ...] [--name NAME] [--network N] [--network-alias A] [--hostname H] [-e K=V] IMAGE [COMMAND]</c>
    /// with C# named arguments: everything the lessons use, so no cell needs <see cref="RunOptions"/>.
    /// <paramref name="interactive"/> is the <c>-it</c> of the lesson's <c>docker run -dit</c>; false for <c>docker run -d</c>.
    /// </summary>
    public Task<Container> RunAsync(
        string image,
        string? name = null,
        IEnumerable<PortPublication>? publish = null,
        bool publishAll = false,
        string? network = null,
        IEnumerable<string>? networkAliases = null,
        IEnumerable<string>? command = null,
        bool interactive = false,
        IReadOnlyDictionary<string, string>? env = null,
        string? hostname = null,
        IEnumerable<string>? addHosts = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(image, new RunOptions
        {
            Name = name,
            Publish = publish?.ToList() ?? [],
            PublishAll = publishAll,
            Network = network,
            NetworkAliases = networkAliases?.ToList() ?? [],
            Command = command?.ToList() ?? [],
            Interactive = interactive,
            Env = env ?? new Dictionary<string, string>(),
            Hostname = hostname,
            AddHosts = addHosts?.ToList() ?? [],
        }, cancellationToken);

    /// <summary>
    /// <c>docker run -d</c>. Port specs are checked before anything is created; a container of the course with the
    /// same name is replaced; if starting fails, the half-made container is removed, so nothing is left behind
    /// (unless <see cref="RunOptions.KeepIfStartFails"/>: then it stays in Created, as the docker CLI leaves it).
    /// </summary>
    public async Task<Container> RunAsync(string image, RunOptions? options, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        if (string.IsNullOrWhiteSpace(image))
            throw new LabException("No image was given.", "Name the image to run, e.g. RunAsync(\"exercise4\") for docker run exercise4.");
        if (options.Name is { } n && !DockerNames.IsValid(n))
            throw new LabException($"'{n}' is not a valid container name.", "Container names use letters, digits, '_', '.' and '-', and start with a letter or digit.");

        foreach (var entry in options.AddHosts) ExtraHost.Check(entry);

        await EnsureImageAsync(image, cancellationToken).ConfigureAwait(false);
        if (options.Name is not null) await Session.ReplaceCourseContainerAsync(options.Name, cancellationToken).ConfigureAwait(false);
        var networkMode = options.Network ?? PredefinedNetworks.Bridge;
        if (options.Network is not null && !PredefinedNetworks.Contains(networkMode) && networkMode != "default" && !PredefinedNetworks.IsContainerStack(networkMode))
        {
            try
            {
                await Network.InspectAsync(networkMode, cancellationToken).ConfigureAwait(false);
            }
            catch (LabException)
            {
                // A swarm worker learns of an attachable overlay from its manager only when a container joins it.
                if ((await Swarm.StateAsync(cancellationToken).ConfigureAwait(false)).LocalNodeState != "active") throw;
            }
        }

        var parameters = new CreateContainerParameters
        {
            Image = image,
            Name = options.Name,
            Hostname = options.Hostname!,
            Labels = Session.NewLabels(),
            Tty = options.Interactive,
            OpenStdin = options.Interactive,
            Env = options.Env.Select(e => $"{e.Key}={e.Value}").ToList(),
            Cmd = options.Command.Count == 0 ? null! : options.Command.ToList(),
            HostConfig = new HostConfig
            {
                NetworkMode = networkMode,
                PublishAllPorts = options.PublishAll,
                DNS = options.Dns.Count > 0 ? options.Dns.ToList() : null!,
                Privileged = options.Privileged,
                CapAdd = options.CapAdd.Count == 0 ? null! : options.CapAdd.ToList(),
                // As the docker CLI does: systempaths=unconfined is no engine option but empty masked and read-only
                // path lists (an engine in a container writes to /proc/sys); the others go to the engine as given.
                SecurityOpt = options.SecurityOpt.Where(o => o != "systempaths=unconfined").ToList() is { Count: > 0 } opts ? opts : null!,
                MaskedPaths = options.SecurityOpt.Contains("systempaths=unconfined") ? [] : null!,
                ReadonlyPaths = options.SecurityOpt.Contains("systempaths=unconfined") ? [] : null!,
                CgroupnsMode = options.CgroupNs!,
                Binds = options.Volumes.Count == 0 ? null! : options.Volumes.ToList(),
                ExtraHosts = options.AddHosts.Count == 0 ? null! : options.AddHosts.ToList(),
            },
        };
        options.Publish.ApplyTo(parameters);
        if (options.NetworkAliases.Count > 0)
            parameters.NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [networkMode] = new() { Aliases = options.NetworkAliases.ToList() } },
            };

        CreateContainerResponse created;
        try
        {
            created = await Client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw await Session.WithCourseUsageAsync(TranslateRunError(e, image, options)).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, Engine, options.ToCommandLine(image));
        }

        try
        {
            await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            if (options.ExpectRunning && options.StartupGrace > TimeSpan.Zero)
                await WaitForExitAsync(created.ID, options.StartupGrace, cancellationToken).ConfigureAwait(false);
            var details = await InspectAsync(created.ID, cancellationToken).ConfigureAwait(false);
            if (options.ExpectRunning && !details.Running)
                throw new ContainerExitedException(details.Name, details.ExitCode, await LogsAsync(created.ID, 20, cancellationToken).ConfigureAwait(false));
            return new Container(created.ID, details.Name, image, options.ToCommandLine(image), details.Ports);
        }
        catch (Exception e)
        {
            // Leave nothing behind: a container that could not start is of no use to the learner, even when the cell
            // was interrupted.
            using var cleanup = CellCancellation.Suppress();
            if (!options.KeepIfStartFails || e is not DockerApiException)
                await EngineSession.TryRemoveAsync(() => Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None)).ConfigureAwait(false);
            if (e is DockerApiException api) throw await Session.WithCourseUsageAsync(TranslateRunError(api, image, options)).ConfigureAwait(false);
            if (EngineErrors.IsFromTheEngine(e)) throw EngineErrors.Translate(e, Engine, options.ToCommandLine(image));
            throw;
        }
    }

    /// <summary>Returns when the container exits or when <paramref name="limit"/> has passed, whichever comes first.</summary>
    private async Task WaitForExitAsync(string id, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(limit);
        try
        {
            await Client.Containers.WaitContainerAsync(id, window.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running after the grace period: the normal case.
        }
    }

    /// <summary><c>docker rm -f NAME</c>. Returns false if there was no such container.</summary>
    public Task<bool> RmAsync(string container, CancellationToken cancellationToken = default) =>
        Session.RemoveContainerAsync(container, cancellationToken);

    /// <summary><c>docker stop NAME</c>.</summary>
    public async Task StopAsync(string container, int timeoutSeconds = 2, CancellationToken cancellationToken = default)
    {
        await Translate(container, () => Client.Containers.StopContainerAsync(container, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)timeoutSeconds }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary><c>docker logs --tail N NAME</c>, as lines.</summary>
    public async Task<IReadOnlyList<string>> LogsAsync(string container, int tail = 50, CancellationToken cancellationToken = default)
    {
        var details = await InspectAsync(container, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await Session.EngineAsync($"docker logs --tail {tail} {details.Name}", async () =>
        {
            using var stream = await Client.Containers.GetContainerLogsAsync(details.Id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = tail.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
            return await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return (stdout + stderr).Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static readonly Regex AllocatedPort = new(@"(?:Bind for |listen tcp[46]? |listen udp[46]? )\[?[0-9a-fA-F.:]*\]?:(\d+)(?: failed)?|:(\d+): bind: address already in use", RegexOptions.CultureInvariant);

    private Exception TranslateRunError(DockerApiException e, string image, RunOptions options)
    {
        var message = EngineErrors.Message(e);
        if (EngineDiskFull.From(message, Engine, options.ToCommandLine(image)) is { } full) return full;
        if (message.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase) || message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            var match = AllocatedPort.Match(message);
            var port = match.Success ? int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)
                : options.Publish.FirstOrDefault(p => p.HostPortStart > 0)?.HostPortStart ?? 0;
            return new PortAlreadyAllocatedException(port, FreeHostPortNear(port), message);
        }
        if (e is DockerImageNotFoundException || message.Contains("No such image", StringComparison.OrdinalIgnoreCase))
            return new ImageNotFoundException(image, message);
        if (message.Contains("network", StringComparison.OrdinalIgnoreCase) && message.Contains("not found", StringComparison.OrdinalIgnoreCase))
            return new LabException($"The network '{options.Network}' does not exist.", $"Create it first: docker network create {options.Network} (Network.CreateAsync(\"{options.Network}\")).", message);
        if (message.Contains("Conflict", StringComparison.OrdinalIgnoreCase) && options.Name is not null)
            return new LabException($"The name '{options.Name}' is already in use.", $"Pick another --name, or remove the other container: docker rm -f {options.Name}", message);
        return new LabException($"docker run failed: {message}", "Read the engine's message; the equivalent command is: " + options.ToCommandLine(image), message, e);
    }

    /// <summary>A host port near the one asked for that no container publishes and nothing listens on.</summary>
    internal static int? FreeHostPortNear(int port)
    {
        for (var candidate = Math.Max(1024, port + 1); candidate < Math.Min(65535, Math.Max(1024, port + 1) + 200); candidate++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Any, candidate);
                listener.Start();
                return candidate;
            }
            catch (SocketException) { }
        }
        return null;
    }

    private async Task Translate(string container, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (EngineErrors.IsNotFound(e))
        {
            throw NoSuchContainer(container);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, Engine, $"docker stop {container}");
        }
    }

    internal static NoSuchObjectException NoSuchContainer(string container) =>
        new("container", container,
            "docker ps -a lists the containers; run it first (RunAsync) or check the name. If it was there before, it was removed " +
            "outside this notebook (docker rm, a prune, another session's clean-up): re-run the cell that starts it.");
}
