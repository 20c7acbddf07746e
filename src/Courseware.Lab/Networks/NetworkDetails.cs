namespace Courseware.Lab;

/// <summary>A container on a network, as <c>docker network inspect</c> lists it.</summary>
public sealed record NetworkMember(string Name, string Id, string IPv4Address, string MacAddress)
{
    /// <summary>The address without its prefix length.</summary>
    public string IpAddress => IPv4Address.Split('/')[0];
}

/// <summary><c>docker network inspect NAME</c>, typed.</summary>
public sealed record NetworkDetails(
    string Id,
    string Name,
    string Driver,
    string Scope,
    bool Internal,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> Gateways,
    IReadOnlyList<NetworkMember> Containers,
    IReadOnlyDictionary<string, string> Labels,
    string RawJson)
{
    public string ShortId => CliTwin.ShortId(Id);

    /// <summary>Docker's embedded DNS answers container names only on user-defined networks, not on the default bridge.</summary>
    public bool HasEmbeddedDns => Driver != "host" && Driver != "null" && Name != PredefinedNetworks.Bridge;

    public override string ToString() =>
        $"{Name} ({ShortId}) driver {Driver}" +
        (Subnets.Count == 0 ? "" : $", subnet {string.Join(", ", Subnets)}") +
        (Gateways.Count == 0 ? "" : $", gateway {string.Join(", ", Gateways)}") +
        (Containers.Count == 0 ? ", no containers" : $", {Containers.Count} container(s): {string.Join(", ", Containers.Select(c => $"{c.Name} {c.IPv4Address}"))}");
}

/// <summary>Did a name resolve inside a container (the DNS checks of lessons 05 and 06)?</summary>
public sealed record ResolveResult(string From, string Name, IReadOnlyList<string> Addresses, string Output)
{
    public bool Resolved => Addresses.Count > 0;
    public string CommandLine => CliTwin.Command("docker", "exec", From, "nslookup", Name);
    public override string ToString() => Resolved ? $"{Name} → {string.Join(", ", Addresses)} (from {From})" : $"{Name} does not resolve from {From}";
}
