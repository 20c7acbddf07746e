using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary><c>docker swarm init | join-token | join | leave</c> and <c>docker node ls</c>, on the engine this lab talks to.</summary>
public sealed class SwarmCommands
{
    private readonly EngineSession _session;

    internal SwarmCommands(EngineSession session) => _session = session;

    private DockerClient Client => _session.Client;

    /// <summary>
    /// <c>docker swarm init --advertise-addr ADDRESS</c>: this engine becomes the first manager of a new swarm. Run
    /// again on a manager, it keeps the swarm it has (the CLI would fail with "already part of a swarm").
    /// Returns this node's swarm id.
    /// </summary>
    public async Task<string> InitAsync(string advertiseAddress, CancellationToken cancellationToken = default)
    {
        var state = await LocalStateAsync(cancellationToken).ConfigureAwait(false);
        if (state.ControlAvailable) return state.NodeID;
        if (state.LocalNodeState == "active")
            throw new LabException($"{_session.Engine.Endpoint} is already a worker in a swarm.", "Leave it first: docker swarm leave (Swarm.LeaveAsync()).");
        return await _session.EngineAsync($"docker swarm init --advertise-addr {advertiseAddress}",
            () => Client.Swarm.InitSwarmAsync(new SwarmInitParameters { AdvertiseAddr = advertiseAddress, ListenAddr = "0.0.0.0:2377" }, cancellationToken),
            "Check the advertise address: it must be one of this engine's own addresses (docker info).").ConfigureAwait(false);
    }

    /// <summary><c>docker swarm join-token -q worker|manager</c>: the secret another engine joins with.</summary>
    public async Task<string> JoinTokenAsync(string role = "worker", CancellationToken cancellationToken = default)
    {
        if (role is not ("worker" or "manager")) throw new LabException($"'{role}' is not a swarm role.", "A node joins as a worker or as a manager.");
        var swarm = await _session.EngineAsync($"docker swarm join-token -q {role}", () => Client.Swarm.InspectSwarmAsync(cancellationToken),
            $"Only a swarm manager has join tokens: ask the node you ran docker swarm init on, or run it on {_session.Engine.Endpoint} first (Swarm.InitAsync).").ConfigureAwait(false);
        return role == "worker" ? swarm.JoinTokens.Worker : swarm.JoinTokens.Manager;
    }

    /// <summary>
    /// <c>docker swarm join --token TOKEN MANAGER:2377</c>. A node already in the swarm stays as it is, so the cell can
    /// be run again.
    /// </summary>
    public async Task JoinAsync(string manager, string token, CancellationToken cancellationToken = default)
    {
        var state = await LocalStateAsync(cancellationToken).ConfigureAwait(false);
        if (state.LocalNodeState == "active" && state.RemoteManagers?.Any(m => m.Addr == manager) == true) return;
        await _session.EngineAsync($"docker swarm join {manager}",
            () => Client.Swarm.JoinSwarmAsync(new SwarmJoinParameters { RemoteAddrs = [manager], JoinToken = token, ListenAddr = "0.0.0.0:2377" }, cancellationToken),
            "Is the manager's address right (its LAN address, port 2377) and the token current (docker swarm join-token worker)?").ConfigureAwait(false);
    }

    /// <summary>
    /// The course's hint when this engine refuses a manager's command. The engine's own message names no manager; a
    /// worker's <c>docker info</c> (Swarm.RemoteManagers) lists the managers it knows, so the hint names them.
    /// </summary>
    private static string ManagersHint(Info local)
    {
        var managers = (local.RemoteManagers ?? []).Select(m => m.Addr.Split(':')[0]).Distinct().ToList();
        return managers.Count == 0
            ? "Only a manager lists the nodes: ask the node you ran docker swarm init on."
            : $"Only a manager lists the nodes. This worker's docker info (Swarm.RemoteManagers) names its manager(s): {string.Join(", ", managers)}; " +
              $"ask there: docker -H tcp://{managers[0]}:2375 node ls.";
    }

    /// <summary>
    /// <c>docker node update --availability active|pause|drain NODE</c> (on a manager). pause: no new tasks go there;
    /// drain: no new tasks either, and the swarm moves the ones it runs to other nodes. Plain containers stay.
    /// </summary>
    public async Task UpdateNodeAsync(string node, string availability, CancellationToken cancellationToken = default)
    {
        if (availability is not ("active" or "pause" or "drain"))
            throw new LabException($"'{availability}' is not a node availability.", "--availability is active, pause or drain.");
        var cli = $"docker node update --availability {availability} {node}";
        var found = await _session.EngineAsync(cli, () => Client.Swarm.InspectNodeAsync(node, cancellationToken),
            "Run it on a manager, naming a node that docker node ls lists (its HOSTNAME).").ConfigureAwait(false);
        var spec = found.Spec!;
        await _session.EngineAsync(cli, () => Client.Swarm.UpdateNodeAsync(found.ID, found.Version!.Index!.Value,
            new NodeUpdateParameters { Role = spec.Role, Availability = availability, Labels = spec.Labels, Name = spec.Name }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary><c>docker swarm leave --force</c>. Returns false if this engine was in no swarm.</summary>
    public async Task<bool> LeaveAsync(bool force = true, CancellationToken cancellationToken = default)
    {
        var state = await LocalStateAsync(cancellationToken).ConfigureAwait(false);
        if (state.LocalNodeState is "inactive" or "") return false;
        await _session.EngineAsync(force ? "docker swarm leave --force" : "docker swarm leave",
            () => Client.Swarm.LeaveSwarmAsync(new SwarmLeaveParameters { Force = force }, cancellationToken)).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>docker info</c>'s Swarm section: inactive, active (a worker) or a manager (ControlAvailable).</summary>
    public async Task<SwarmState> StateAsync(CancellationToken cancellationToken = default)
    {
        var s = await LocalStateAsync(cancellationToken).ConfigureAwait(false);
        return new SwarmState(s.LocalNodeState ?? "", s.ControlAvailable, s.NodeID ?? "", s.NodeAddr ?? "", s.Nodes ?? 0, s.Managers ?? 0);
    }

    private async Task<Info> LocalStateAsync(CancellationToken cancellationToken) =>
        (await _session.EngineAsync("docker info", () => Client.System.GetSystemInfoAsync(cancellationToken)).ConfigureAwait(false)).Swarm ?? new Info();

    private static string Capitalised(string? word) => string.IsNullOrEmpty(word) ? "" : char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary><c>docker node ls</c> (on a manager): every engine in the swarm, its role and whether it is ready.</summary>
    public async Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken cancellationToken = default)
    {
        var local = await LocalStateAsync(cancellationToken).ConfigureAwait(false);
        var nodes = await _session.EngineAsync("docker node ls", () => Client.Swarm.ListNodesAsync(cancellationToken), ManagersHint(local)).ConfigureAwait(false);
        var self = local.NodeID;
        return nodes
            .Select(n => new SwarmNode(
                n.ID,
                n.Description?.Hostname ?? "",
                // The API says "ready", "active"; docker node ls prints them capitalised.
                Capitalised(n.Status?.State),
                Capitalised(n.Spec?.Availability),
                n.ManagerStatus is null ? "" : n.ManagerStatus.Leader == true ? "Leader" : n.ManagerStatus.Reachability ?? "",
                n.Description?.Engine?.EngineVersion ?? "",
                n.Status?.Addr ?? "",
                n.ID == self))
            .OrderBy(n => n.Hostname, StringComparer.Ordinal)
            .ToList();
    }
}
