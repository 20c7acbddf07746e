namespace Courseware.Lab;

/// <summary>One row of <c>docker node ls</c>.</summary>
public sealed record SwarmNode(string Id, string Hostname, string Status, string Availability, string ManagerStatus, string EngineVersion, string Address, bool Self)
{
    public string ShortId => Id[..Math.Min(25, Id.Length)];

    public override string ToString() =>
        $"{ShortId}{(Self ? " *" : "  ")} {Hostname,-8} {Status,-7} {Availability,-7} {ManagerStatus,-8} {EngineVersion} {Address}";
}

/// <summary>The Swarm section of <c>docker info</c> for one engine.</summary>
public sealed record SwarmState(string LocalNodeState, bool IsManager, string NodeId, string NodeAddress, long Nodes, long Managers)
{
    public override string ToString() =>
        LocalNodeState is "" or "inactive" ? "Swarm: inactive" : $"Swarm: {LocalNodeState}, {(IsManager ? "manager" : "worker")} at {NodeAddress}" + (IsManager ? $", {Nodes} node(s), {Managers} manager(s)" : "");
}
