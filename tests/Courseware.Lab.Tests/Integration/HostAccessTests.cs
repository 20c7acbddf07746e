using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Lesson 01's other direction, a container calling a service on the host (ListenOnHost), on the engine that runs
/// the tests: localhost is the container, a service on 127.0.0.1 is out of reach, one on 0.0.0.0 answers through the
/// bridge gateway (not on a rootless engine, whose bridge is not on the host), and --add-host NAME:host-gateway.
/// </summary>
public sealed class HostAccessTests : LabTest
{
    private async Task<(string Name, string Ip, string Gateway)> ClientAsync(RunOptions? options = null)
    {
        var name = Unique("client");
        await Sleeper.RunAsync(Lab, name, options);
        var bridge = Assert.Single((await Lab.InspectAsync(name)).Networks);
        return (name, bridge.IpAddress, bridge.Gateway);
    }

    private Task<ExecResult> WgetAsync(string from, string url) => Lab.ExecAsync(from, "timeout", "5", "wget", "-qO-", url);

    [DockerFact]
    public async Task Localhost_in_a_container_is_the_container_itself()
    {
        using var service = Lab.ListenOnHost("0.0.0.0");
        var (client, _, _) = await ClientAsync();

        var local = await WgetAsync(client, $"http://localhost:{service.Port}/");

        Assert.NotEqual(0, local.ExitCode);
        Assert.Contains("Connection refused", local.Stderr);
        Assert.Empty(service.Requests);
    }

    [DockerFact]
    public async Task A_host_service_on_loopback_is_out_of_reach_and_one_on_every_address_answers_through_the_gateway()
    {
        var loopback = Lab.ListenOnHost("127.0.0.1");
        var everywhere = Lab.ListenOnHost("0.0.0.0");
        var (client, clientIp, gateway) = await ClientAsync();

        var onHost = await Lab.HttpGetAsync(loopback.UrlVia("127.0.0.1"));
        Assert.Equal(200, onHost.StatusCode);
        Assert.Equal($"Hello from the host: a service listening on 127.0.0.1:{loopback.Port} answered 127.0.0.1\n", onHost.Body);

        var toLoopback = await WgetAsync(client, loopback.UrlVia(gateway));
        Assert.NotEqual(0, toLoopback.ExitCode);
        Assert.Contains("Connection refused", toLoopback.Stderr);
        Assert.Equal(["127.0.0.1"], loopback.Requests.Select(r => r.From));

        var toEverywhere = await WgetAsync(client, everywhere.UrlVia(gateway));
        if (Lab.Engine.IsRootless)
        {
            // The gateway is rootlesskit's bridge, inside its own namespace: nothing of the host listens there.
            Assert.NotEqual(0, toEverywhere.ExitCode);
            Assert.Empty(everywhere.Requests);
        }
        else
        {
            Assert.True(toEverywhere.Succeeded, toEverywhere.ToString());
            Assert.Equal($"Hello from the host: a service listening on 0.0.0.0:{everywhere.Port} answered {clientIp}\n", toEverywhere.Stdout);
            Assert.Equal([clientIp], everywhere.Requests.Select(r => r.From));
        }
    }

    [DockerFact]
    public async Task A_service_on_the_gateway_address_answers_containers_on_the_bridge()
    {
        var (client, clientIp, gateway) = await ClientAsync();
        HostListener onGateway;
        try
        {
            onGateway = Lab.ListenOnHost(gateway);
        }
        catch (LabException e) when (Lab.Engine.IsRootless)
        {
            // A rootless engine's gateway is in rootlesskit's namespace; the host has it only if a rootful docker0 does.
            Assert.Contains($"{gateway} is not an address of this machine", e.Problem);
            return;
        }
        using var _ = onGateway;
        var reply = await WgetAsync(client, onGateway.UrlVia(gateway));
        Assert.Equal(!Lab.Engine.IsRootless, reply.Succeeded);
        if (reply.Succeeded) Assert.Contains($"answered {clientIp}", reply.Stdout);
        else Assert.Contains("Connection refused", reply.Stderr);
    }

    [DockerFact]
    public async Task Add_host_host_gateway_writes_the_hosts_line_and_the_name_reaches_the_host()
    {
        using var service = Lab.ListenOnHost("0.0.0.0");
        var name = Unique("named");
        var container = await Sleeper.RunAsync(Lab, name, new RunOptions { AddHosts = ["host.docker.internal:host-gateway"] });
        Assert.Equal($"docker run -d --name {name} --add-host host.docker.internal:host-gateway busybox:stable sleep 600", container.CommandLine);
        var gateway = Assert.Single((await Lab.InspectAsync(name)).Networks).Gateway;

        var hosts = await Lab.ExecAsync(name, "cat", "/etc/hosts");
        Assert.Contains($"{gateway}\thost.docker.internal", hosts.Stdout);

        var reply = await WgetAsync(name, service.UrlVia("host.docker.internal"));
        Assert.Equal(!Lab.Engine.IsRootless, reply.Succeeded);
    }

    [DockerFact]
    public async Task Without_add_host_the_name_does_not_exist_on_a_linux_engine()
    {
        var (client, _, _) = await ClientAsync();
        var hosts = await Lab.ExecAsync(client, "cat", "/etc/hosts");
        if (!Lab.Engine.IsDockerDesktop) Assert.DoesNotContain("host.docker.internal", hosts.Stdout);
    }

    [DockerFact]
    public async Task Inspect_gives_the_add_host_entries_as_written_with_host_gateway_unresolved()
    {
        var named = Unique("named");
        await Sleeper.RunAsync(Lab, named, new RunOptions { AddHosts = ["host.docker.internal:host-gateway", "db:10.1.2.3"] });
        var (plain, _, _) = await ClientAsync();

        var details = await Lab.InspectAsync(named);
        Assert.Equal(["host.docker.internal:host-gateway", "db:10.1.2.3"], details.ExtraHosts);
        Assert.Equal("host-gateway", details.ExtraHostAddress("host.docker.internal"));
        Assert.Equal("10.1.2.3", details.ExtraHostAddress("db"));
        var without = await Lab.InspectAsync(plain);
        Assert.Empty(without.ExtraHosts);
        Assert.Null(without.ExtraHostAddress("host.docker.internal"));
    }

    [DockerFact]
    public async Task Network_container_NAME_puts_a_container_in_that_containers_stack_where_localhost_is_the_other_one()
    {
        var web = Unique("web");
        await Lab.RunAsync(LabImages.Base, new RunOptions { Name = web, Command = ["sh", "-c", "mkdir -p /www && echo hello from web > /www/index.html && httpd -f -p 80 -h /www"] });
        var sidecar = Unique("sidecar");
        var container = await Sleeper.RunAsync(Lab, sidecar, new RunOptions { Network = $"container:{web}" });
        Assert.Equal($"docker run -d --name {sidecar} --network container:{web} busybox:stable sleep 600", container.CommandLine);

        var details = await Lab.InspectAsync(sidecar);
        Assert.True(PredefinedNetworks.IsContainerStack(details.NetworkMode), details.NetworkMode);
        var owner = details.NetworkMode[PredefinedNetworks.ContainerPrefix.Length..];
        Assert.True(owner == web || (await Lab.InspectAsync(web)).Id.StartsWith(owner, StringComparison.Ordinal), details.NetworkMode);
        Assert.Empty(details.Networks);
        var page = await WgetAsync(sidecar, "http://localhost/");
        Assert.Equal("hello from web\n", page.Stdout);
    }

    [DockerFact]
    public async Task A_check_reads_the_addresses_a_host_port_listens_on_whoever_opened_it()
    {
        using var loopback = Lab.ListenOnHost("127.0.0.1");
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        other.Start();
        var otherPort = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;
        IReadOnlyList<System.Net.IPAddress> onLoopback = [], onAny = [], onNothing = [];

        var result = await Lab.CheckAsync("listeners", check =>
        {
            onLoopback = check.HostListeningAddresses(loopback.Port);
            onAny = check.HostListeningAddresses(otherPort);
            loopback.Dispose();
            onNothing = check.HostListeningAddresses(loopback.Port);
            return Task.CompletedTask;
        });

        Assert.True(result.Passed, result.ToString());
        Assert.Equal([System.Net.IPAddress.Loopback], onLoopback);
        Assert.Equal([System.Net.IPAddress.Any], onAny);
        Assert.Empty(onNothing);
    }

    [DockerFact]
    public async Task A_malformed_add_host_is_refused_before_anything_is_created()
    {
        var name = Unique("bad");
        var e = await Assert.ThrowsAsync<LabException>(() => Lab.RunAsync(LabImages.Base, name: name, addHosts: ["host.docker.internal"]));
        Assert.Contains("is not NAME:ADDRESS", e.Problem);
        var e2 = await Assert.ThrowsAsync<LabException>(() => Lab.RunAsync(LabImages.Base, name: name, addHosts: ["db:not-an-ip"]));
        Assert.Contains("'not-an-ip' is not an IP address", e2.Problem);
        Assert.Empty(await Lab.PsAsync());
    }

    [DockerFact]
    public async Task Listening_again_replaces_the_listener_and_clean_stops_it()
    {
        var first = Lab.ListenOnHost("127.0.0.1");
        var again = Lab.ListenOnHost("127.0.0.1", first.Port);
        Assert.False(first.IsListening);
        Assert.Equal(200, (await Lab.HttpGetAsync(again.UrlVia("127.0.0.1"))).StatusCode);
        Assert.Contains(again, Lab.HostListenersOfSession);

        await Lab.CleanAsync();

        Assert.False(again.IsListening);
        Assert.Empty(Lab.HostListenersOfSession);
        await Assert.ThrowsAsync<LabException>(() => Lab.HttpGetAsync(again.UrlVia("127.0.0.1")));
    }

    [DockerFact]
    public async Task Listening_on_an_address_the_host_lacks_or_a_taken_port_is_a_specific_error()
    {
        // 192.0.2.1 is TEST-NET-1: no machine has it, and binding sends nothing anywhere.
        var missing = Assert.Throws<LabException>(() => Lab.ListenOnHost("192.0.2.1", 0));
        Assert.Contains("192.0.2.1 is not an address of this machine", missing.Problem);

        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var port = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;
        var taken = Assert.Throws<LabException>(() => Lab.ListenOnHost("127.0.0.1", port));
        Assert.Equal($"Port {port} on 127.0.0.1 is already in use on this host.", taken.Problem);
        Assert.Throws<LabException>(() => Lab.ListenOnHost("localhost", 0));
        await Task.CompletedTask;
    }
}
