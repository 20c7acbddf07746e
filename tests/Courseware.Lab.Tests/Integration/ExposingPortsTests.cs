using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>Lesson 01's steps against the real engine: build exercise4, run it with -p, reach it, inspect, ping.</summary>
public sealed class ExposingPortsTests : LabTest
{
    private static readonly string Exercise4 = Repo.PathOf("exercise4");

    [DockerFact]
    public async Task Build_streams_the_log_and_labels_the_image()
    {
        var lines = new List<string>();
        var build = await Lab.BuildAsync("courseware-test-ex4", Exercise4, lines.Add);

        Assert.Equal(build.Log, lines);
        Assert.Contains(lines, l => l.StartsWith("Step 1/", StringComparison.Ordinal) && l.Contains("FROM busybox:stable"));
        Assert.StartsWith("sha256:", build.ImageId);
        Assert.True(await Lab.ImageExistsAsync("courseware-test-ex4"));
    }

    [DockerFact]
    public async Task Published_port_serves_the_page_and_inspect_reads_ip_and_bindings()
    {
        await Lab.BuildAsync("courseware-test-ex4", Exercise4);
        var name = Unique("web");
        var port = DockerLab.FreeHostPortNear(18080)!.Value;

        var web = await Lab.RunAsync("courseware-test-ex4", name: name, publish: [$"{port}:80"]);
        var page = await Lab.WaitForHttpAsync(web);

        Assert.Equal(200, page.StatusCode);
        Assert.Equal($"http://localhost:{port}/", page.Url);
        Assert.Contains("It works", page.Body);
        Assert.Equal("Hello from exercise4", page.Title);

        var details = await Lab.InspectAsync(name);
        Assert.True(details.Running);
        var bridge = Assert.Single(details.Networks);
        Assert.Equal("bridge", bridge.Network);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", details.IpAddress);
        Assert.NotEmpty(bridge.Gateway);
        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", bridge.MacAddress);
        var binding = Assert.Single(details.Ports);
        Assert.Equal((80, "tcp", port), (binding.ContainerPort, binding.Protocol, binding.HostPort!.Value));
        Assert.Contains("\"NetworkSettings\"", details.RawJson);
        Assert.Equal($"0.0.0.0:{port} → 80/tcp", binding.ToString());
    }

    [DockerFact]
    public async Task Random_host_port_and_publish_all_are_reported_by_ps()
    {
        await Lab.BuildAsync("courseware-test-ex4", Exercise4);
        var random = await Lab.RunAsync("courseware-test-ex4", name: Unique("random"), publish: ["127.0.0.1::80"]);
        var all = await Lab.RunAsync("courseware-test-ex4", name: Unique("all"), publishAll: true);

        var randomPort = random.HostPort(80);
        Assert.InRange(randomPort, 1024, 65535);
        Assert.Equal("127.0.0.1", Assert.Single(random.Ports).HostIp);
        Assert.InRange(all.HostPort(80), 1024, 65535);
        Assert.Equal(200, (await Lab.WaitForHttpAsync(random)).StatusCode);
        Assert.Equal(200, (await Lab.WaitForHttpAsync(all)).StatusCode);

        var ps = await Lab.PsAsync();
        var row = Assert.Single(ps, r => r.Names == random.Name);
        Assert.Equal($"127.0.0.1:{randomPort}->80/tcp", row.PortsText);
        Assert.Contains(ps, r => r.Names == all.Name);
        Assert.StartsWith("Up", row.Status);
    }

    [DockerFact]
    public async Task Host_ping_reaches_the_container_with_no_loss_and_submillisecond_precision()
    {
        var target = await Sleeper.RunAsync(Lab, Unique("pingme"));
        var ping = await Lab.PingAsync(target.Name, count: 5);

        // A rootless engine's (or Desktop's) container IPs are not on this host: the ping must not be sent from it.
        Assert.Equal(Lab.Engine.HostCanReachContainerIps ? PingPath.Host : PingPath.Container, ping.Path);
        if (!Lab.Engine.HostCanReachContainerIps) Assert.Contains(Lab.Engine.IsRootless ? "rootless" : "VM", ping.Why);
        Assert.Equal(5, ping.Sent);
        Assert.Equal(0, ping.LossPercent);
        Assert.All(ping.Replies, r => Assert.InRange(r.RoundTripMs!.Value, 0.0001, 1000));
        // Sub-millisecond precision: at least one reply is not a whole number of milliseconds (busybox prints 0.123 ms too).
        Assert.Contains(ping.Replies, r => r.RoundTripMs!.Value % 1 != 0);
        Assert.Equal((await Lab.InspectAsync(target.Name)).IpAddress, ping.Address);
    }

    [DockerFact]
    public async Task Ping_from_a_helper_container_when_the_host_may_not_ping_says_so()
    {
        await using var desktopLike = await DockerLab.ConnectAsync("test-ping-from-container", new LabOptions { PreferHostPing = false });
        var target = await Sleeper.RunAsync(desktopLike, Unique("pingme"));
        try
        {
            var ping = await desktopLike.PingAsync(target.Name, count: 3);

            Assert.Equal(PingPath.Container, ping.Path);
            Assert.Equal("courseware-pinger-bridge", ping.From);
            Assert.Contains(desktopLike.Engine.HostCanReachContainerIps ? "PreferHostPing" : "cannot reach container IPs", ping.Why);
            Assert.Equal((3, 0.0), (ping.Sent, ping.LossPercent));
            Assert.Equal((await desktopLike.InspectAsync(target.Name)).IpAddress, ping.Address);
            Assert.Contains("courseware-pinger-bridge", (await desktopLike.PsAsync()).Select(r => r.Names));
        }
        finally
        {
            await desktopLike.CleanAsync();
        }
    }

    [DockerFact]
    public async Task Exec_captures_output_and_exit_code()
    {
        var box = await Sleeper.RunAsync(Lab, Unique("exec"));
        var ok = await Lab.ExecAsync(box.Name, "sh", "-c", "echo out; echo err >&2");
        var bad = await Lab.ExecAsync(box.Name, "sh", "-c", "exit 3");

        Assert.Equal(("out\n", "err\n", 0L), (ok.Stdout, ok.Stderr, ok.ExitCode));
        Assert.Equal(3, bad.ExitCode);
    }

    [DockerFact]
    public async Task Rerunning_a_named_step_replaces_the_earlier_container()
    {
        var name = Unique("rerun");
        var first = await Sleeper.RunAsync(Lab, name);
        var second = await Sleeper.RunAsync(Lab, name);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Single(await Lab.PsAsync(all: true), r => r.Names == name);
    }
}
