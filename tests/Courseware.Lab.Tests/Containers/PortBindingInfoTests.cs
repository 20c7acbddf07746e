namespace Courseware.Lab.Tests.Containers;

/// <summary>Reading the engine's NetworkSettings.Ports: IPv4/IPv6 twins merged, and which binding a client uses.</summary>
public sealed class PortBindingInfoTests
{
    private static Docker.DotNet.Models.PortBinding Bind(string ip, string port) => new() { HostIP = ip, HostPort = port };

    [Fact]
    public void Ipv4_and_ipv6_rows_of_the_same_port_merge_into_one()
    {
        var rows = PortBindingInfo.FromNetworkSettings(new Dictionary<string, IList<Docker.DotNet.Models.PortBinding>>
        {
            ["80/tcp"] = [Bind("0.0.0.0", "8080"), Bind("::", "8080")],
            ["443/tcp"] = null!,
        });

        Assert.Equal(2, rows.Count);
        var published = Assert.Single(rows, r => r.IsPublished);
        Assert.Equal((80, "0.0.0.0", 8080, true), (published.ContainerPort, published.HostIp, published.HostPort!.Value, published.AlsoIpv6));
        Assert.Equal("0.0.0.0:8080->80/tcp, :::8080->80/tcp", published.ToDockerPs());
        Assert.Equal("443/tcp", rows.Single(r => !r.IsPublished).ToString());
    }

    [Fact]
    public void A_client_uses_the_ipv4_binding_when_the_engine_gave_ipv6_another_port()
    {
        // Seen with -P on engine 20.10: the random ports of the two families can differ.
        var ports = PortBindingInfo.FromNetworkSettings(new Dictionary<string, IList<Docker.DotNet.Models.PortBinding>>
        {
            ["80/tcp"] = [Bind("0.0.0.0", "32781"), Bind("::", "32780")],
        });
        var container = new Container("0123456789abcdef", "web", "exercise4", "docker run -d -P exercise4", ports);

        // The IPv4 row first, as docker port lists it: a check that takes the first door asks 127.0.0.1 on its port.
        Assert.Equal([("0.0.0.0", 32781), ("::", 32780)], ports.Select(p => (p.HostIp, p.HostPort!.Value)));
        Assert.Equal(32781, container.HostPort(80));
        Assert.Equal("http://localhost:32781/", DockerLab.UrlOf(container));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("192.168.1.20", false)]
    public void Only_a_loopback_host_address_keeps_a_port_on_this_machine(string? hostIp, bool loopbackOnly) =>
        Assert.Equal(loopbackOnly, new PortBindingInfo(80, "tcp", hostIp, 32768).LoopbackOnly);

    [Fact]
    public void A_missing_publication_explains_how_to_publish()
    {
        var container = new Container("0123456789abcdef", "web", "exercise4", "docker run -d exercise4", []);
        var e = Assert.Throws<LabException>(() => container.HostPort(80));
        Assert.Contains("-p HOST:80", e.Fix);
    }
}
