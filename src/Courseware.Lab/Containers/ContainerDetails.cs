namespace Courseware.Lab;

/// <summary>One network a container is attached to, as <c>docker inspect</c> shows under NetworkSettings.Networks.</summary>
public sealed record NetworkAttachment(string Network, string IpAddress, long PrefixLength, string Gateway, string MacAddress, IReadOnlyList<string> Aliases)
{
    public string Cidr => IpAddress.Length == 0 ? "" : $"{IpAddress}/{PrefixLength}";
}

/// <summary>The part of <c>docker inspect</c> the lessons talk about, typed; <see cref="RawJson"/> has the rest.</summary>
public sealed record ContainerDetails(
    string Id,
    string Name,
    string Image,
    string ImageId,
    string State,
    bool Running,
    long ExitCode,
    DateTimeOffset? StartedAt,
    bool Tty,
    string NetworkMode,
    IReadOnlyList<NetworkAttachment> Networks,
    IReadOnlyList<PortBindingInfo> Ports,
    IReadOnlyDictionary<string, string> Labels,
    string RawJson)
{
    public string ShortId => CliTwin.ShortId(Id);

    /// <summary>The IP address on the first network (there is usually one). Current engines have no top-level IPAddress: it is per network.</summary>
    public string? IpAddress => Networks.Select(n => n.IpAddress).FirstOrDefault(ip => ip.Length > 0);

    /// <summary>The IP address on one network.</summary>
    public string IpAddressOn(string network) =>
        Networks.FirstOrDefault(n => n.Network == network)?.IpAddress is { Length: > 0 } ip ? ip
        : throw new LabException($"Container '{Name}' has no address on network '{network}'.",
            $"It is attached to: {string.Join(", ", Networks.Select(n => n.Network))}. Connect it: docker network connect {network} {Name}");

    /// <summary>
    /// <c>HostConfig.ExtraHosts</c>: the <c>--add-host NAME:ADDRESS</c> entries as given, <c>host-gateway</c> unresolved
    /// (the container's /etc/hosts shows the address the engine put there instead).
    /// </summary>
    public IReadOnlyList<string> ExtraHosts => HostConfigList("ExtraHosts");

    /// <summary>
    /// <c>HostConfig.Dns</c>: the container's own <c>--dns</c> servers, empty when it has none (then the engine's
    /// setting applies). On a user-defined network the embedded DNS forwards names it does not know to these.
    /// </summary>
    public IReadOnlyList<string> DnsServers => HostConfigList("Dns");

    /// <summary>A list of strings in <c>HostConfig</c>, as given to <c>docker run</c>; empty when absent or null.</summary>
    private IReadOnlyList<string> HostConfigList(string key) =>
        System.Text.Json.JsonDocument.Parse(RawJson).RootElement[0].TryGetProperty("HostConfig", out var host)
        && host.TryGetProperty(key, out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : [];

    /// <summary>The address <c>--add-host NAME:ADDRESS</c> gave <paramref name="name"/>, or null.</summary>
    public string? ExtraHostAddress(string name) =>
        ExtraHosts.Where(e => e.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(e => e[(name.Length + 1)..]).FirstOrDefault();

    public override string ToString() =>
        $"{Name} ({ShortId}) {State}, image {Image}, " +
        string.Join(", ", Networks.Select(n => $"{n.Network} {n.IpAddress}")) +
        (Ports.Count == 0 ? "" : ", ports " + string.Join(", ", Ports));
}
