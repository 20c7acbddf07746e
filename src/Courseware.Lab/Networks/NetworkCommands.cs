using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary><c>docker network create | connect | disconnect | inspect | ls | rm</c>.</summary>
public sealed class NetworkCommands
{
    private readonly EngineSession _session;

    /// <summary>For the container verbs this group builds on (docker inspect, run, exec, ...), as a learner would use them.</summary>
    private readonly DockerLab _lab;

    internal NetworkCommands(EngineSession session, DockerLab lab)
    {
        _session = session;
        _lab = lab;
    }

    private DockerClient Client => _session.Client;

    /// <summary>
    /// <c>docker network create [-d DRIVER] [--internal] [--subnet S] [--attachable] NAME</c> (a user-defined bridge by default; an overlay on a swarm manager). A network of the course with
    /// the same name is replaced, so re-running the cell works; its containers are disconnected first.
    /// </summary>
    public async Task<NetworkDetails> CreateAsync(string name, string driver = "bridge", bool @internal = false, string? subnet = null, bool attachable = false, CancellationToken cancellationToken = default)
    {
        if (!DockerNames.IsValid(name))
            throw new LabException($"'{name}' is not a valid network name.", "Network names use letters, digits, '_', '.' and '-', e.g. docker network create labnet.");
        if (PredefinedNetworks.Contains(name))
            throw new LabException($"'{name}' is one of Docker's predefined networks.", "Give your network its own name, e.g. labnet.");
        if (await ReplaceCourseNetworkAsync(name, driver, cancellationToken).ConfigureAwait(false) is { } kept) return kept;
        var parameters = new NetworksCreateParameters
        {
            Name = name,
            Driver = driver,
            Internal = @internal,
            // --attachable: plain containers (docker run --network), not only swarm services, may join an overlay.
            Attachable = attachable,
            Labels = _session.NewLabels(),
            IPAM = subnet is null ? null : new IPAM { Config = [new IPAMConfig { Subnet = subnet }] },
        };
        await _session.EngineAsync($"docker network create {name}", () => Client.Networks.CreateNetworkAsync(parameters, cancellationToken),
            subnet is null ? "Read the engine's message; 'docker network ls' shows existing networks." : $"Pick a subnet no other network uses ({subnet} may overlap one); 'docker network inspect' shows theirs.").ConfigureAwait(false);
        return await InspectAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>docker network connect [--alias A] NETWORK CONTAINER</c>.</summary>
    public async Task ConnectAsync(string network, string container, IEnumerable<string>? aliases = null, CancellationToken cancellationToken = default)
    {
        await InspectAsync(network, cancellationToken).ConfigureAwait(false);
        var details = await _lab.InspectAsync(container, cancellationToken).ConfigureAwait(false);
        if (details.Networks.Any(n => n.Network == network)) return;
        await _session.EngineAsync($"docker network connect {network} {details.Name}", () => Client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters
        {
            Container = details.Id,
            EndpointConfig = new EndpointSettings { Aliases = aliases?.ToList()! },
        }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary><c>docker network disconnect NETWORK CONTAINER</c>.</summary>
    public async Task DisconnectAsync(string network, string container, CancellationToken cancellationToken = default)
    {
        var details = await _lab.InspectAsync(container, cancellationToken).ConfigureAwait(false);
        if (details.Networks.All(n => n.Network != network)) return;
        await _session.EngineAsync($"docker network disconnect {network} {details.Name}",
            () => Client.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = details.Id, Force = true }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary><c>docker network inspect NAME</c>.</summary>
    public async Task<NetworkDetails> InspectAsync(string name, CancellationToken cancellationToken = default)
    {
        var n = await _session.InspectOrNullAsync($"docker network inspect {name}", () => Client.Networks.InspectNetworkAsync(name, cancellationToken)).ConfigureAwait(false)
            ?? throw NoSuchNetwork(name);
        var configs = n.IPAM?.Config ?? [];
        var gateways = configs.Select(c => c.Gateway).Where(g => !string.IsNullOrEmpty(g)).ToList();
        if (gateways.Count == 0 && n.Containers is { Count: > 0 } members)
        {
            // The default bridge does not list its gateway in IPAM; its containers do (one that just left is no answer).
            var member = await _session.InspectOrNullAsync($"docker network inspect {name}",
                () => Client.Containers.InspectContainerAsync(members.Keys.First(), cancellationToken)).ConfigureAwait(false);
            if (member?.NetworkSettings?.Networks?.TryGetValue(n.Name, out var endpoint) == true && !string.IsNullOrEmpty(endpoint.Gateway))
                gateways.Add(endpoint.Gateway);
        }
        return new NetworkDetails(
            n.ID,
            n.Name,
            n.Driver ?? "",
            n.Scope ?? "",
            n.Internal,
            configs.Select(c => c.Subnet).Where(s => !string.IsNullOrEmpty(s)).ToList(),
            gateways,
            (n.Containers ?? new Dictionary<string, EndpointResource>())
                .Select(c => new NetworkMember(c.Value.Name ?? "", c.Key, c.Value.IPv4Address ?? "", c.Value.MacAddress ?? ""))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList(),
            new Dictionary<string, string>(n.Labels ?? new Dictionary<string, string>()),
            await _session.RawInspectAsync($"networks/{n.ID}", n, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>docker network ls</c>; by default only this lesson's networks plus Docker's three predefined ones.</summary>
    public async Task<IReadOnlyList<NetworkDetails>> LsAsync(bool onlyThisLab = true, CancellationToken cancellationToken = default)
    {
        var all = await _session.EngineAsync("docker network ls", () => Client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken)).ConfigureAwait(false);
        var names = all
            .Where(n => !onlyThisLab || PredefinedNetworks.Contains(n.Name) || (n.Labels is not null && n.Labels.TryGetValue(LabLabels.Session, out var session) && session == _session.SessionId))
            .Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        var result = new List<NetworkDetails>();
        foreach (var name in names) result.Add(await InspectAsync(name, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary><c>docker network rm NAME</c>. Returns false if there was no such network.</summary>
    public async Task<bool> RmAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await Client.Networks.DeleteNetworkAsync(name, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (EngineErrors.IsNotFound(e)) { return false; }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, _session.Engine, $"docker network rm {name}",
                $"Containers are still attached: disconnect or remove them first (docker network inspect {name} lists them).");
        }
    }

    /// <summary>
    /// <c>docker exec FROM nslookup NAME</c>: does NAME resolve inside FROM? On a user-defined network Docker's embedded
    /// DNS (127.0.0.11) answers container names and aliases; on the default bridge nothing does.
    /// </summary>
    public async Task<ResolveResult> ResolveAsync(string from, string name, CancellationToken cancellationToken = default)
    {
        var exec = await _lab.ExecAsync(from, ["nslookup", name], cancellationToken).ConfigureAwait(false);
        var output = exec.Stdout + exec.Stderr;
        return new ResolveResult(exec.Container, name, ParseNslookup(output), output.Trim());
    }

    /// <summary>
    /// <c>docker exec FROM nslookup NAME</c>, asked again (every quarter second, for up to <paramref name="within"/>,
    /// 10 s by default) until the answer lists <paramref name="addresses"/> addresses. A swarm's hosts gossip a
    /// service's tasks to each other: a task that runs on another host is in the answer a moment later, not at once.
    /// Returns the last answer, whatever it lists, so the cell shows what the name gave.
    /// </summary>
    public async Task<ResolveResult> ResolveAsync(string from, string name, int addresses, TimeSpan? within = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        var answer = await ResolveAsync(from, name, cancellationToken).ConfigureAwait(false);
        while (answer.Addresses.Count != addresses && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            answer = await ResolveAsync(from, name, cancellationToken).ConfigureAwait(false);
        }
        return answer;
    }

    /// <summary>The answer addresses of busybox nslookup (the server's own address comes first and is skipped).</summary>
    internal static IReadOnlyList<string> ParseNslookup(string output)
    {
        var addresses = new List<string>();
        var inAnswer = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Name:", StringComparison.Ordinal)) { inAnswer = true; continue; }
            if (!inAnswer || !line.StartsWith("Address", StringComparison.Ordinal)) continue;
            var value = line[(line.IndexOf(':') + 1)..].Trim();
            // "Address 1: 172.18.0.2 web.labnet" in older busybox.
            value = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (value.Length > 0 && System.Net.IPAddress.TryParse(value, out _)) addresses.Add(value);
        }
        return addresses.Distinct().ToList();
    }

    /// <summary>
    /// Removes the course's earlier network of that name so it can be made again; returns null then. A swarm-wide
    /// network (an overlay) of the same driver is kept and returned instead: its members on other hosts cannot be
    /// disconnected from here, so re-running the cell keeps the overlay they use.
    /// </summary>
    private async Task<NetworkDetails?> ReplaceCourseNetworkAsync(string name, string driver, CancellationToken cancellationToken)
    {
        var existing = await _session.InspectOrNullAsync($"docker network inspect {name}", () => Client.Networks.InspectNetworkAsync(name, cancellationToken)).ConfigureAwait(false);
        if (existing is null) return null;
        if (!_session.MayReplace("network", name, existing.Name, existing.Labels, $"docker network rm {name}")) return null;
        if (existing.Scope == "swarm" && existing.Driver == driver) return await InspectAsync(existing.ID, cancellationToken).ConfigureAwait(false);
        await _session.EngineAsync($"docker network rm {name}", async () =>
        {
            foreach (var member in existing.Containers ?? new Dictionary<string, EndpointResource>())
                await Client.Networks.DisconnectNetworkAsync(existing.ID, new NetworkDisconnectParameters { Container = member.Key, Force = true }, cancellationToken).ConfigureAwait(false);
            await Client.Networks.DeleteNetworkAsync(existing.ID, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return null;
    }

    private static NoSuchObjectException NoSuchNetwork(string name) =>
        new("network", name, $"Create it first: docker network create {name} (Network.CreateAsync(\"{name}\")); docker network ls lists the networks.");
}
