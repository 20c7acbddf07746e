namespace Courseware.Lab.Tests.Containers;

/// <summary>The check verbs lesson 03's exercises judge with, on the engine's own texts (docker inspect, busybox netstat -ltn).</summary>
public class PortChecksTests
{
    private static ContainerDetails WithRawJson(string raw) =>
        new("id", "web", "exercise4", "sha256:0", "running", true, 0, null, false, "bridge", [], [], new Dictionary<string, string>(), raw);

    [Theory]
    // HostConfig.PortBindings as docker inspect prints it for -p 127.0.0.1::80, -p 127.0.0.1:8109:80, -p 80, and no -p.
    [InlineData("""[{"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]}}}]""", "")]
    [InlineData("""[{"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8109"}]}}}]""", "8109")]
    [InlineData("""{"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":""}]}}}""", "")]
    [InlineData("""[{"HostConfig":{"PortBindings":{}}}]""", null)]
    [InlineData("""[{"HostConfig":{"PortBindings":null}}]""", null)]
    [InlineData("""[{"HostConfig":{"PortBindings":{"8080/tcp":[{"HostIp":"","HostPort":"8087"}]}}}]""", null)]
    public void The_requested_host_port_tells_a_port_docker_chose_from_one_written_by_hand(string raw, string? expected) =>
        Assert.Equal(expected, WithRawJson(raw).RequestedHostPort(80));

    [Fact]
    public void Listen_addresses_are_read_from_busybox_netstat_for_one_port_only()
    {
        const string netstat = """
            Active Internet connections (only servers)
            Proto Recv-Q Send-Q Local Address           Foreign Address         State
            tcp        0      0 127.0.0.1:8107          0.0.0.0:*               LISTEN
            tcp        0      0 172.17.0.1:8103         0.0.0.0:*               LISTEN
            tcp        0      0 0.0.0.0:18107           0.0.0.0:*               LISTEN
            tcp        0      0 :::8102                 :::*                    LISTEN
            tcp        0      0 10.0.0.5:8107           10.0.0.9:51234          ESTABLISHED
            """;
        Assert.Equal(["127.0.0.1"], PortChecks.ListenAddresses(netstat, 8107));
        Assert.Equal(["172.17.0.1"], PortChecks.ListenAddresses(netstat, 8103));
        Assert.Equal(["::"], PortChecks.ListenAddresses(netstat, 8102));
        Assert.Empty(PortChecks.ListenAddresses(netstat, 8109));
    }
}
