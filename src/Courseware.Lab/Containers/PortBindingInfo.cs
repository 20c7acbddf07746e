namespace Courseware.Lab;

/// <summary>
/// One row of what the engine actually bound (<c>NetworkSettings.Ports</c>): host address and port to container port.
/// The engine lists 0.0.0.0 and :: separately for the same port; they are merged into one row with <see cref="AlsoIpv6"/>.
/// </summary>
public sealed record PortBindingInfo(int ContainerPort, string Protocol, string? HostIp, int? HostPort, bool AlsoIpv6 = false)
{
    public bool IsPublished => HostPort is not null;

    /// <summary>The address a client on this host connects to for this binding.</summary>
    internal string ConnectAddress => HostIp switch
    {
        null or "" or "0.0.0.0" => "127.0.0.1",
        "::" => "::1",
        _ => HostIp,
    };

    /// <summary>As <c>docker ps</c> shows it, with an arrow a learner reads as "goes to".</summary>
    public override string ToString() => HostPort is null
        ? $"{ContainerPort}/{Protocol}"
        : $"{FormatHost(HostIp)}:{HostPort} → {ContainerPort}/{Protocol}";

    /// <summary>The exact docker ps text ("0.0.0.0:8080->80/tcp").</summary>
    public string ToDockerPs() => HostPort is null
        ? $"{ContainerPort}/{Protocol}"
        : $"{FormatHost(HostIp)}:{HostPort}->{ContainerPort}/{Protocol}" + (AlsoIpv6 ? $", :::{HostPort}->{ContainerPort}/{Protocol}" : "");

    /// <summary>The lines <c>docker port</c> prints for this binding ("80/tcp -> 0.0.0.0:32768", and the [::] twin).</summary>
    public IEnumerable<string> ToDockerPort()
    {
        if (HostPort is null) yield break;
        yield return $"{ContainerPort}/{Protocol} -> {FormatHost(HostIp)}:{HostPort}";
        if (AlsoIpv6) yield return $"{ContainerPort}/{Protocol} -> [::]:{HostPort}";
    }

    private static string FormatHost(string? ip) => ip switch
    {
        null or "" => "0.0.0.0",
        _ => CliTwin.HostForPort(ip),
    };

    /// <summary>
    /// Merges the engine's IPv4/IPv6 twin rows and orders by container port, IPv4 before IPv6 as <c>docker port</c>
    /// lists them: Engine 20.10 may give a random publication's IPv6 side another host port than its IPv4 side, and a
    /// check that takes the first row then asks 127.0.0.1 on the port of the IPv6 row.
    /// </summary>
    internal static IReadOnlyList<PortBindingInfo> Merge(IEnumerable<PortBindingInfo> rows)
    {
        var list = rows.ToList();
        var result = new List<PortBindingInfo>();
        foreach (var row in list)
        {
            if (row.HostIp == "::" && list.Any(o => o.HostIp == "0.0.0.0" && o.HostPort == row.HostPort && o.ContainerPort == row.ContainerPort && o.Protocol == row.Protocol))
                continue;
            var twin = row.HostIp == "0.0.0.0" && list.Any(o => o.HostIp == "::" && o.HostPort == row.HostPort && o.ContainerPort == row.ContainerPort && o.Protocol == row.Protocol);
            result.Add(row with { AlsoIpv6 = twin });
        }
        return result.Distinct().OrderBy(r => r.ContainerPort).ThenBy(r => r.Protocol, StringComparer.Ordinal)
            .ThenBy(r => r.HostIp?.Contains(':', StringComparison.Ordinal) == true ? 1 : 0).ThenBy(r => r.HostPort ?? 0).ToList();
    }

    /// <summary>Reads <c>NetworkSettings.Ports</c> ("80/tcp" → bindings, null when only exposed).</summary>
    internal static IReadOnlyList<PortBindingInfo> FromNetworkSettings(IDictionary<string, IList<Docker.DotNet.Models.PortBinding>>? ports)
    {
        var rows = new List<PortBindingInfo>();
        if (ports is null) return rows;
        foreach (var (key, bindings) in ports)
        {
            var slash = key.IndexOf('/');
            var port = int.Parse(slash < 0 ? key : key[..slash], System.Globalization.CultureInfo.InvariantCulture);
            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            if (bindings is null || bindings.Count == 0)
            {
                rows.Add(new PortBindingInfo(port, protocol, null, null));
                continue;
            }
            foreach (var b in bindings)
                rows.Add(new PortBindingInfo(port, protocol, b.HostIP, int.TryParse(b.HostPort, out var hp) ? hp : null));
        }
        return Merge(rows);
    }
}
