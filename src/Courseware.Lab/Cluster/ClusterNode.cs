namespace Courseware.Lab;

/// <summary>
/// One host of a <see cref="LabCluster"/>: a Docker engine running in the container <see cref="Name"/> on the cluster's
/// LAN. <see cref="Docker"/> is a lab on that engine, with the same verbs as the main one: <c>node.Docker.RunAsync</c>
/// is <c>docker -H tcp://LAN-ADDRESS:2375 run</c>.
/// </summary>
public sealed record ClusterNode(string Name, string ContainerId, string LanAddress, DockerLab Docker)
{
    /// <summary>What DOCKER_HOST would be to talk to this node from this host.</summary>
    public string Endpoint => $"tcp://{LanAddress}:{NodeImage.ApiPort}";

    /// <summary>The <c>docker -H</c> prefix a CLI twin of a node command starts with.</summary>
    public string Cli => $"docker -H {Endpoint}";

    public override string ToString() => $"{Name}: engine {Docker.Engine.EngineVersion} at {Endpoint} (LAN address {LanAddress})";
}

/// <summary>Is IPVS, which swarm's service VIPs and routing mesh are made of, in the kernel the nodes share?</summary>
public sealed record IpvsCheck(bool Available, string Kernel, string Evidence)
{
    public override string ToString() => Available
        ? $"IPVS is available in kernel {Kernel} ({Evidence}): service VIPs and the routing mesh work."
        : $"IPVS is NOT in kernel {Kernel} ({Evidence}): a service's virtual IP and the routing mesh (ingress -p) cannot work here.";
}
