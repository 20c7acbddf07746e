using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary><c>docker service create | ps | scale | rm</c>, on a swarm manager.</summary>
public sealed class ServiceCommands
{
    private readonly EngineSession _session;

    internal ServiceCommands(EngineSession session) => _session = session;

    private DockerClient Client => _session.Client;

    /// <summary>How long create and scale wait for the tasks to run, as <c>docker service create</c> (without -d) does.</summary>
    internal static TimeSpan ConvergeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>docker service create --name NAME [--replicas N | --mode global] [--network NET] [--endpoint-mode M] [--publish P] IMAGE</c>,
    /// then waits until its tasks run (the CLI's "verify: Service converged"). A service of the course with the same
    /// name is replaced, so the cell can be run again.
    /// </summary>
    public async Task<IReadOnlyList<ServiceTask>> CreateAsync(string name, string image, ServiceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ServiceOptions();
        if (!DockerNames.IsValid(name))
            throw new LabException($"'{name}' is not a valid service name.", "Service names use letters, digits, '_', '.' and '-'.");
        if (options.EndpointMode is not ("vip" or "dnsrr"))
            throw new LabException($"'{options.EndpointMode}' is not an endpoint mode.", "--endpoint-mode is vip (one virtual IP, needs IPVS) or dnsrr (DNS round robin over the tasks).");
        if (options.EndpointMode == "dnsrr" && options.Publish.Any(p => p.Mode == "ingress"))
            throw new LabException("A dnsrr service cannot publish through the routing mesh.", "Publish with mode=host (e.g. mode=host,target=80,published=8088), or use --endpoint-mode vip.");
        await RmAsync(name, cancellationToken).ConfigureAwait(false);

        var spec = new ServiceSpec
        {
            Name = name,
            Labels = _session.NewLabels(),
            TaskTemplate = new TaskSpec
            {
                ContainerSpec = new ContainerSpec
                {
                    Image = image,
                    Labels = _session.NewLabels(),
                    Command = options.Command.Count == 0 ? null! : options.Command.ToList(),
                    StopGracePeriod = options.StopGracePeriod,
                },
                Networks = options.Network is null ? null! : [new NetworkAttachmentConfig { Target = options.Network }],
            },
            Mode = options.Global ? new ServiceMode { Global = new GlobalService() } : new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)options.Replicas } },
            EndpointSpec = new EndpointSpec
            {
                Mode = options.EndpointMode,
                Ports = options.Publish.Count == 0 ? null! : options.Publish.Select(p => new PortConfig
                {
                    Protocol = p.Protocol,
                    TargetPort = (uint)p.Target,
                    PublishedPort = (uint)p.Published,
                    PublishMode = p.Mode,
                }).ToList(),
            },
        };
        await _session.EngineAsync($"docker service create {name}", () => Client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec }, cancellationToken),
            "Run it on a swarm manager, with an overlay network that exists (docker network ls): " + options.ToCommandLine(name, image)).ConfigureAwait(false);
        return await WaitForConvergenceAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>docker service scale NAME=N</c>, then waits until exactly N tasks run.</summary>
    public async Task<IReadOnlyList<ServiceTask>> ScaleAsync(string name, int replicas, CancellationToken cancellationToken = default)
    {
        if (replicas is < 0 or > 50) throw new LabException($"{replicas} replicas is out of range.", "Scale between 0 and 50 replicas.");
        var service = await InspectAsync(name, cancellationToken).ConfigureAwait(false);
        if (service.Spec!.Mode?.Replicated is null)
            throw new LabException($"'{name}' is a global service: it runs one task per node.", "Only replicated services scale (docker service create --replicas N).");
        service.Spec!.Mode!.Replicated!.Replicas = (ulong)replicas;
        await _session.EngineAsync($"docker service scale {name}={replicas}", () =>
            Client.Swarm.UpdateServiceAsync(service.ID, new ServiceUpdateParameters { Service = service.Spec, Version = (long)service.Version!.Index!.Value }, cancellationToken)).ConfigureAwait(false);
        return await WaitForConvergenceAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>docker service update [--replicas N] [--constraint-add EXPR]... [--network-add NET]... NAME</c>, then waits until
    /// the tasks run as the new spec says (the CLI waits the same way without -d). A constraint or network the service
    /// already has is kept once, as the CLI does.
    /// </summary>
    public async Task<IReadOnlyList<ServiceTask>> UpdateAsync(string name, ServiceUpdate update, CancellationToken cancellationToken = default)
    {
        var service = await InspectAsync(name, cancellationToken).ConfigureAwait(false);
        var spec = service.Spec!;
        if (update.Replicas is { } replicas)
        {
            if (spec.Mode?.Replicated is null)
                throw new LabException($"'{name}' is a global service: it runs one task per node.", "--replicas applies to replicated services only.");
            spec.Mode.Replicated.Replicas = (ulong)replicas;
        }
        var template = spec.TaskTemplate!;
        if (update.ConstraintAdd.Count > 0)
        {
            template.Placement ??= new Placement();
            var constraints = template.Placement.Constraints?.ToList() ?? [];
            template.Placement.Constraints = constraints.Concat(update.ConstraintAdd.Where(c => !constraints.Contains(c))).ToList();
        }
        if (update.NetworkAdd.Count > 0)
        {
            var attached = template.Networks?.ToList() ?? [];
            var names = await NetworkNamesAsync(attached.Select(a => a.Target ?? ""), cancellationToken).ConfigureAwait(false);
            attached.AddRange(update.NetworkAdd.Where(n => !names.Contains(n)).Select(n => new NetworkAttachmentConfig { Target = n }));
            template.Networks = attached;
        }
        await _session.EngineAsync(update.ToCommandLine(name), () => Client.Swarm.UpdateServiceAsync(service.ID,
                new ServiceUpdateParameters { Service = spec, Version = (long)service.Version!.Index!.Value }, cancellationToken),
            "Run it on a swarm manager; --network-add takes an overlay that exists on the manager (docker network ls), --constraint-add an expression such as node.role==worker.").ConfigureAwait(false);
        return await WaitForConvergenceAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>docker service inspect NAME</c>: its replicas (null when global), placement constraints and networks by name.</summary>
    public async Task<ServiceDetails> DetailsAsync(string name, CancellationToken cancellationToken = default)
    {
        var spec = (await InspectAsync(name, cancellationToken).ConfigureAwait(false)).Spec!;
        var template = spec.TaskTemplate!;
        var networks = await NetworkNamesAsync((template.Networks ?? []).Select(a => a.Target ?? ""), cancellationToken).ConfigureAwait(false);
        var replicas = spec.Mode?.Replicated?.Replicas is { } r ? (int?)r : null;
        return new ServiceDetails(spec.Name ?? name, replicas, template.Placement?.Constraints?.ToList() ?? [], networks);
    }

    /// <summary>A service's spec names its networks by id once created: the manager's network list gives their names.</summary>
    private async Task<IReadOnlyList<string>> NetworkNamesAsync(IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        var networks = await _session.EngineAsync("docker network ls", () => Client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken)).ConfigureAwait(false);
        return targets.Select(t => networks.FirstOrDefault(n => n.ID == t || n.Name == t)?.Name ?? t).ToList();
    }

    /// <summary><c>docker service ps --filter desired-state=running NAME</c>: the tasks that should be running, where, and their addresses.</summary>
    public async Task<IReadOnlyList<ServiceTask>> PsAsync(string name, CancellationToken cancellationToken = default)
    {
        var service = await InspectAsync(name, cancellationToken).ConfigureAwait(false);
        var (tasks, nodeList) = await _session.EngineAsync($"docker service ps {name}", async () => (
            await Client.Tasks.ListAsync(new TasksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["service"] = new Dictionary<string, bool> { [service.ID] = true },
                    ["desired-state"] = new Dictionary<string, bool> { ["running"] = true },
                },
            }, cancellationToken).ConfigureAwait(false),
            await Client.Swarm.ListNodesAsync(cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        var nodes = nodeList.ToDictionary(n => n.ID, n => n.Description?.Hostname ?? n.ID);
        return tasks
            .Select(t => new ServiceTask(
                t.ID,
                service.Spec!.Mode?.Global is not null ? $"{name}.{nodes.GetValueOrDefault(t.NodeID ?? "", t.NodeID ?? "")}" : $"{name}.{t.Slot}",
                nodes.GetValueOrDefault(t.NodeID ?? "", t.NodeID ?? ""),
                $"{t.DesiredState}".ToLowerInvariant(),
                $"{t.Status?.State}".ToLowerInvariant(),
                t.Status?.Err ?? "",
                (t.NetworksAttachments ?? []).Where(a => a.Network?.Spec?.Name != "ingress").SelectMany(a => a.Addresses ?? []).ToList()))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>docker service rm NAME</c>. Returns false if there was no such service; refuses one the course did not make.</summary>
    public async Task<bool> RmAsync(string name, CancellationToken cancellationToken = default)
    {
        // No such service, or no swarm at all (503): nothing to remove.
        var existing = await _session.EngineAsync($"docker service rm {name}", async () =>
        {
            try { return await Client.Swarm.InspectServiceAsync(name, cancellationToken).ConfigureAwait(false); }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.ServiceUnavailable) { return null; }
        }).ConfigureAwait(false);
        if (existing is null) return false;
        // Service references resolve by ID prefix too: MayReplace is false for a service that is not called NAME.
        if (!_session.MayReplace("service", name, existing.Spec?.Name, existing.Spec?.Labels, $"docker service rm {name}")) return false;
        await _session.EngineAsync($"docker service rm {name}", () => Client.Swarm.RemoveServiceAsync(existing.ID, cancellationToken)).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>docker service ls</c>: the names of this engine's services made by the course.</summary>
    public async Task<IReadOnlyList<string>> LsAsync(CancellationToken cancellationToken = default)
    {
        // No swarm (503): no services.
        var services = await _session.EngineAsync("docker service ls", async () =>
        {
            try { return await Client.Swarm.ListServicesAsync(new ServiceListParameters(), cancellationToken).ConfigureAwait(false); }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable) { return []; }
        }).ConfigureAwait(false);
        return services.Where(s => s.Spec!.Labels?.ContainsKey(LabLabels.Session) == true).Select(s => s.Spec!.Name!).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<SwarmService> InspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.Swarm.InspectServiceAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new LabException($"There is no service '{name}'.", $"Create it first: docker service create --name {name} IMAGE (Service.CreateAsync); docker service ls lists them.");
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, _session.Engine, $"docker service inspect {name}");
        }
    }

    /// <summary>Until every task that should run does, and no other is still running; failures are reported with the tasks' errors.</summary>
    private async Task<IReadOnlyList<ServiceTask>> WaitForConvergenceAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ConvergeTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var service = await InspectAsync(name, cancellationToken).ConfigureAwait(false);
            var tasks = await PsAsync(name, cancellationToken).ConfigureAwait(false);
            var wanted = service.Spec!.Mode?.Replicated is { } r ? (int)(r.Replicas ?? 0) : await ReadyNodeCountAsync(cancellationToken).ConfigureAwait(false);
            var running = tasks.Count(t => t.CurrentState == "running");
            // Scaled down, the tasks being removed still run for a moment: converged once only the wanted ones are left.
            var stopping = await CountStillRunningAsync(service.ID, cancellationToken).ConfigureAwait(false);
            if (running == wanted && tasks.Count == wanted && stopping == 0) return tasks;
            if (DateTime.UtcNow > deadline)
                throw new LabException(
                    $"Service '{name}' did not converge: {running} of {wanted} task(s) running after {ConvergeTimeout.TotalSeconds:0} s.",
                    "docker service ps " + name + " shows why; the usual reason is an image a node does not have (load it: cluster.LoadImagesAsync).",
                    string.Join("\n", tasks.Select(t => t.ToString())));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 1.5));
        }
    }

    private async Task<int> CountStillRunningAsync(string serviceId, CancellationToken cancellationToken)
    {
        var tasks = await _session.EngineAsync("docker service ps --filter desired-state=shutdown", () => Client.Tasks.ListAsync(new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["service"] = new Dictionary<string, bool> { [serviceId] = true },
                ["desired-state"] = new Dictionary<string, bool> { ["shutdown"] = true },
            },
        }, cancellationToken)).ConfigureAwait(false);
        return tasks.Count(t => t.Status?.State is TaskState.Running or TaskState.Starting);
    }

    private async Task<int> ReadyNodeCountAsync(CancellationToken cancellationToken) =>
        (await _session.EngineAsync("docker node ls", () => Client.Swarm.ListNodesAsync(cancellationToken)).ConfigureAwait(false)).Count(n => n.Status?.State == "ready" && n.Spec?.Availability == "active");
}
