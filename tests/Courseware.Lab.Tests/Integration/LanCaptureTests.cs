namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// A capture of the LAN neighbour's request, on its veth and on the bridge: the same request before and after the DNAT
/// of a published port, arriving at the container with the neighbour's own address. Where no neighbour can be made
/// (rootless, Desktop), its interface is no interface of the lesson, and a capture there is refused.
/// </summary>
[Collection("lan-neighbour")]
public sealed class LanCaptureTests : LabTest
{
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
        var web = await Lab.RunAsync("busybox:stable", new RunOptions
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
