namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// docker.Host on the engine under test (rootful: the host's own netfilter and bridges; rootless: RootlessKit's
/// namespace, where that engine keeps them): the DNAT rule behind -p, the bridge's MASQUERADE, ss in a container's
/// namespace, tcpdump on the lesson's own bridge and veth, and the refusal of any other interface. Traffic goes only to
/// the containers these tests start.
/// </summary>
public sealed class HostToolsTests : LabTest
{
    /// <summary>busybox's httpd serving /etc (so /hostname answers 200), in the foreground.</summary>
    private Task<Container> WebAsync(string name, string? network = null, params string[] publish) =>
        Lab.RunAsync(LabImages.Base, new RunOptions
        {
            Name = name,
            Network = network,
            Publish = publish.Select(PortPublication.Parse).ToList(),
            Command = ["httpd", "-f", "-p", "80", "-h", "/etc"],
            Interactive = false,
        });

    /// <summary>How this host reaches the container: its IP where the bridge is on the host, else the published port (rootless).</summary>
    private string UrlOf(Container web, string ip) =>
        Lab.Engine.HostCanReachContainerIps ? $"http://{ip}/hostname" : DockerLab.UrlOf(web, 80, "/hostname");

    /// <summary>Only the containers a test made are left: every helper removed itself.</summary>
    private async Task AssertOnlyAsync(params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), (await Lab.PsAsync(all: true)).Select(r => r.Names).Order(StringComparer.Ordinal));

    [DockerFact]
    public async Task The_DNAT_rule_of_a_published_port_targets_the_container_and_its_bridge_subnet_is_masqueraded()
    {
        var port = DockerLab.FreeHostPortNear(18280)!.Value;
        var name = Unique("web");
        await WebAsync(name, null, $"{port}:80");
        var ip = (await Lab.InspectAsync(name)).IpAddress!;
        var subnet = Assert.Single((await Lab.Network.InspectAsync("bridge")).Subnets);

        var nat = await Lab.Host.NatRulesAsync();

        var dnat = Assert.Single(nat.Dnat, r => r.DestinationPort == port);
        Assert.Equal(("DOCKER", "tcp", "DNAT", $"{ip}:80"), (dnat.Chain, dnat.Protocol, dnat.Target, dnat.To));
        Assert.Contains($"--dport {port}", dnat.Match);
        Assert.Contains(nat.Masquerade, r => r.Chain == "POSTROUTING" && r.Source == subnet && r.Match.Contains("! -o docker0", StringComparison.Ordinal));
        Assert.Equal("iptables -t nat -S", nat.Command.HostCommand);
        // Rootful: in dockerd's own namespaces (--pid host, nsenter); rootless: RootlessKit's network, the host's binaries by chroot.
        Assert.StartsWith(Lab.Engine.IsRootless ? "docker run --rm --network host -v /:/host:ro --tmpfs /host/run --cap-drop ALL "
            : "docker run --rm --network host --pid host --cap-drop ALL ", nat.Command.CommandLine);
        await AssertOnlyAsync(name);
    }

    [DockerFact]
    public async Task Ss_in_a_containers_namespace_shows_its_loopback_only_listener()
    {
        var name = Unique("local");
        await Lab.RunAsync(LabImages.Base, new RunOptions { Name = name, Command = ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/etc"], Interactive = false });

        var listening = await Lab.Host.ListeningAsync(name);

        var socket = Assert.Single(listening.Sockets);
        Assert.Equal(("tcp", "127.0.0.1", 8080), (socket.Protocol, socket.Address, socket.Port));
        Assert.True(socket.LoopbackOnly);
        Assert.StartsWith("httpd (pid ", socket.Process);
        if (Lab.Engine.IsRootless)
        {
            Assert.Equal("ss -ltunp", listening.Command.HostCommand);
            Assert.Contains($" --network container:{name} ", listening.Command.CommandLine);
        }
        else
            Assert.Matches(@"^nsenter -t \d+ -n ss -ltunp$", listening.Command.HostCommand);
        await AssertOnlyAsync(name);
    }

    [DockerFact]
    public async Task A_capture_on_the_containers_bridge_shows_the_request_to_its_address()
    {
        var network = await Lab.Network.CreateAsync(Unique("capnet"));
        var port = DockerLab.FreeHostPortNear(18290)!.Value;
        var name = Unique("web");
        var web = await WebAsync(name, network.Name, $"{port}:80");
        var ip = (await Lab.InspectAsync(name)).IpAddressOn(network.Name);
        await Lab.WaitForHttpAsync(web, 80, "/hostname");
        HttpResult? page = null;

        var capture = await Lab.Host.CaptureAsync("br-" + network.Id[..12], "tcp port 80", async () => page = await Lab.HttpGetAsync(UrlOf(web, ip)));

        Assert.Equal(200, page!.StatusCode);
        Assert.Contains(capture.Packets, p => p.Protocol == "TCP" && p.Destination == $"{ip}:80" && p.Summary.StartsWith("Flags [S]", StringComparison.Ordinal));
        Assert.Contains(capture.Packets, p => p.Source == $"{ip}:80" && p.Summary.Contains("HTTP/1.", StringComparison.Ordinal));
        Assert.Contains("packets captured", capture.Statistics);
        await AssertOnlyAsync(name);
    }

    [DockerFact]
    public async Task A_capture_on_the_containers_own_veth_is_allowed_and_sees_its_traffic()
    {
        var port = DockerLab.FreeHostPortNear(18300)!.Value;
        var name = Unique("web");
        var web = await WebAsync(name, null, $"{port}:80");
        var ip = (await Lab.InspectAsync(name)).IpAddress!;
        await Lab.WaitForHttpAsync(web, 80, "/hostname");
        // eth0@ifN in the container: N is the index of its host end.
        var eth0 = await Lab.Host.NsenterAsync(name, "ip", "-o", "link", "show", "eth0");
        var index = System.Text.RegularExpressions.Regex.Match(eth0.Stdout, @"eth0@if(\d+):").Groups[1].Value;
        var links = await Lab.Host.RunAsync("ip", "-o", "link");
        var veth = System.Text.RegularExpressions.Regex.Match(links.Stdout, $@"(?m)^{index}: ([^:@]+)[:@]").Groups[1].Value;
        Assert.StartsWith("veth", veth);

        var capture = await Lab.Host.CaptureAsync(veth, "tcp port 80", () => Lab.HttpGetAsync(UrlOf(web, ip)));

        Assert.Contains(capture.Packets, p => p.Destination == $"{ip}:80");
        await AssertOnlyAsync(name);
    }

    [DockerTheory]
    [InlineData("lo")]
    [InlineData("eth0")]
    [InlineData("docker0")]
    public async Task A_capture_on_an_interface_of_no_lesson_is_refused_before_tcpdump_runs(string iface)
    {
        // This lesson has nothing yet, so even docker0 is another lesson's (or nobody's) bridge.
        var ran = false;

        var refused = await Assert.ThrowsAsync<LabException>(() => Lab.Host.CaptureAsync(iface, "", () => { ran = true; return Task.CompletedTask; }));

        Assert.Equal($"Capturing on '{iface}' is refused: it is not a bridge or veth of this lesson.", refused.Problem);
        Assert.False(ran);
        await AssertOnlyAsync();
    }

    [DockerFact]
    public async Task A_tool_missing_on_the_engines_host_is_a_typed_error_with_the_package_to_install()
    {
        var missing = await Assert.ThrowsAsync<HostToolMissingException>(() => Lab.Host.RunAsync("courseware-no-such-tool", "-V"));

        Assert.Equal("courseware-no-such-tool", missing.Tool);
        Assert.Equal("The engine's host has no 'courseware-no-such-tool' command.", missing.Problem);
        Assert.Contains("apt-get install courseware-no-such-tool", missing.Fix);
        await AssertOnlyAsync();
    }

    [DockerFact]
    public async Task A_host_command_runs_with_the_engine_hosts_binaries_in_the_engines_network()
    {
        var ss = await Lab.Host.RunAsync("ss", "-V");

        Assert.True(ss.Succeeded, ss.ToString());
        Assert.StartsWith("ss utility, iproute2", ss.Stdout);
        Assert.Equal("ss -V", ss.HostCommand);
    }
}
