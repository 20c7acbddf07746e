namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Lesson 03's table, on the engine under test: a LAN neighbour (a veth-wired netns) tries the host's
/// published ports, a container's own IP and a host program, with and without a host firewall. Each outcome must be
/// what <see cref="LanExposure"/> (and so the lesson's prose) says for this engine's version; and what a capture on its
/// veth and on the bridge shows.
/// </summary>
[Collection("lan-neighbour")]
public sealed class LanNeighbourTests : LabTest
{
    [DockerFact]
    public async Task The_neighbour_reaches_what_the_lesson_says_for_this_engine()
    {
        var neighbour = await Lab.AddLanNeighbourAsync(Unique("lan"));
        if (!Lab.Engine.HostCanReachContainerIps)
        {
            // Rootless and Desktop: nothing is wired, and the reason says why.
            Assert.False(neighbour.Available);
            Assert.Contains(Lab.Engine.IsRootless ? "rootless" : "VM", neighbour.Why);
            Assert.DoesNotContain(await Lab.PsAsync(all: true), r => r.Names == neighbour.Name);
            return;
        }

        await Lab.BuildAsync("courseware-test-lan", Repo.PathOf("exercise4"));
        var open = DockerLab.FreeHostPortNear(18185)!.Value;
        var local = DockerLab.FreeHostPortNear(open + 1)!.Value;
        var program = DockerLab.FreeHostPortNear(local + 1)!.Value;
        var onGateway = DockerLab.FreeHostPortNear(program + 1)!.Value;
        var openWeb = await Lab.RunAsync("courseware-test-lan", name: Unique("open"), publish: [$"{open}:80"]);
        var localWeb = await Lab.RunAsync("courseware-test-lan", name: Unique("local"), publish: [$"127.0.0.1:{local}:80"]);
        var quiet = await Lab.RunAsync("courseware-test-lan", name: Unique("quiet"));
        // A program on the host: in the host's network namespace, as any host service is.
        await Lab.RunAsync("courseware-test-lan", new RunOptions { Name = Unique("hostprog"), Network = "host", Command = ["httpd", "-f", "-p", $"{program}", "-h", "/var/www"], Interactive = false });
        await Lab.WaitForHttpAsync(openWeb);
        await Lab.WaitForHttpAsync(localWeb);
        var localIp = (await Lab.InspectAsync(localWeb.Name)).IpAddress!;
        // Another, bound to the default bridge's gateway address alone.
        var gateway = (await Lab.InspectAsync(localWeb.Name)).Networks.Single().Gateway;
        await Lab.RunAsync("courseware-test-lan", new RunOptions { Name = Unique("gwprog"), Network = "host", Command = ["httpd", "-f", "-p", $"{gateway}:{onGateway}", "-h", "/var/www"], Interactive = false });
        var quietIp = (await Lab.InspectAsync(quiet.Name)).IpAddress!;

        var seen = new Dictionary<Exposure, ReachResult>
        {
            [Exposure.PublishedOnAllInterfaces] = await Lab.TryFromNeighbourAsync(neighbour, "open", neighbour.HostAddress, open),
            [Exposure.PublishedOnLoopbackOnly] = await Lab.TryFromNeighbourAsync(neighbour, "local", neighbour.HostAddress, local),
            [Exposure.ContainerIpOfLoopbackPublished] = await Lab.TryFromNeighbourAsync(neighbour, "direct", localIp, 80),
            [Exposure.ContainerIpUnpublished] = await Lab.TryFromNeighbourAsync(neighbour, "quiet", quietIp, 80),
            [Exposure.HostProgram] = await Lab.TryFromNeighbourAsync(neighbour, "program", neighbour.HostAddress, program),
            [Exposure.HostProgramOnGateway] = await Lab.TryFromNeighbourAsync(neighbour, "gateway program", gateway, onGateway),
        };
        await using (await Lab.BlockIncomingFromAsync(neighbour))
        {
            seen[Exposure.HostProgramBehindFirewall] = await Lab.TryFromNeighbourAsync(neighbour, "program+fw", neighbour.HostAddress, program);
            seen[Exposure.PublishedBehindFirewall] = await Lab.TryFromNeighbourAsync(neighbour, "open+fw", neighbour.HostAddress, open);
        }
        // The rule is gone again: the host program answers.
        Assert.True((await Lab.TryFromNeighbourAsync(neighbour, "program", neighbour.HostAddress, program)).Reachable);

        var wrong = LanExposure.All
            .Where(e => seen[e].Reachable != LanExposure.ExpectedOn(Lab.Engine, e))
            .Select(e => $"{e}: expected {(LanExposure.ExpectedOn(Lab.Engine, e) ? "reachable" : "blocked")} on {Lab.Engine.EngineVersion}, saw {seen[e]}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// The neighbour's request captured on its veth and on the bridge: the same request before and after the DNAT of a
    /// published port, arriving at the container with the neighbour's own address. Where no neighbour can be made, its
    /// interface is no interface of the lesson, and a capture there is refused.
    /// </summary>
    [DockerFact]
    public async Task The_neighbours_request_is_seen_on_its_veth_and_arrives_at_the_container_with_its_own_address()
    {
        var neighbour = await Lab.AddLanNeighbourAsync(Unique("lan"));
        if (!Lab.Engine.HostCanReachContainerIps)
        {
            Assert.False(neighbour.Available);
            var refused = await Assert.ThrowsAsync<LabException>(() => Lab.Host.CaptureAsync(DockerLab.LanInterface, "", () => Task.CompletedTask));
            Assert.Equal($"Capturing on '{DockerLab.LanInterface}' is refused: it is not a bridge or veth of this lesson.", refused.Problem);
            return;
        }

        var port = DockerLab.FreeHostPortNear(18310)!.Value;
        var web = await Lab.RunAsync(LabImages.Base, new RunOptions
        {
            Name = Unique("web"),
            Publish = [PortPublication.Parse($"{port}:80")],
            Command = ["httpd", "-f", "-p", "80", "-h", "/etc"],
            Interactive = false,
        });
        var ip = (await Lab.InspectAsync(web.Name)).IpAddress!;
        await Lab.WaitForHttpAsync(web, 80, "/hostname");
        var fetches = new List<ReachResult>();
        async Task Fetch() => fetches.Add(await Lab.TryFromNeighbourAsync(neighbour, "web", neighbour.HostAddress, port));

        var onVeth = await Lab.Host.CaptureAsync(neighbour.HostInterface, $"tcp port {port}", Fetch);
        var onBridge = await Lab.Host.CaptureAsync("docker0", "tcp port 80", Fetch);

        Assert.All(fetches, f => Assert.True(f.Reachable, f.ToString()));
        Assert.Equal(2, fetches.Count);
        // Before NAT: the neighbour asks the host's address and port. After: the container's, from the neighbour's own address.
        Assert.Contains(onVeth.Packets, p => p.SourceAddress == neighbour.Address && p.Destination == $"{neighbour.HostAddress}:{port}");
        Assert.Contains(onBridge.Packets, p => p.SourceAddress == neighbour.Address && p.Destination == $"{ip}:80");
        Assert.DoesNotContain(onBridge.Packets, p => p.DestinationAddress == neighbour.HostAddress);
    }
}
