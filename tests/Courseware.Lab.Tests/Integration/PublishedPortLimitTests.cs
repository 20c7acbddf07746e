namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Lesson 03's DOCKER-USER rule, live: a published port kept to one of two LAN neighbours. The rule matches the
/// course's neighbour cables only (cw-lan+), carries the session's tag, leaves this machine's own requests alone
/// (docker-proxy, never DOCKER-USER) and goes with the session's clean-up. Where no neighbour can be made, it is refused
/// with the reason.
/// </summary>
[Collection("lan-neighbour")]
public sealed class PublishedPortLimitTests : LabTest
{
    private async Task<IReadOnlyList<NatRule>> TaggedAsync() =>
        (await Lab.Host.RulesAsync("DOCKER-USER")).Where(r => r.Rule.Contains($"{LabLabels.Session}={Lab.SessionId} ", StringComparison.Ordinal)).ToList();

    [DockerFact]
    public async Task A_published_port_kept_to_one_neighbour_refuses_the_other_serves_the_host_and_goes_with_clean_up()
    {
        var allowed = await Lab.AddLanNeighbourAsync(Unique("allowed"), "10.250.30.1", "10.250.30.2");
        var refused = await Lab.AddLanNeighbourAsync(Unique("refused"), "10.250.31.1", "10.250.31.2");
        if (!Lab.Engine.HostCanReachContainerIps)
        {
            var why = await Assert.ThrowsAsync<LabException>(() => Lab.LimitPublishedPortAsync(8080, allowed));
            Assert.Equal("There is no LAN neighbour on this engine to allow.", why.Problem);
            Assert.Empty(await TaggedAsync());
            return;
        }

        var port = DockerLab.FreeHostPortNear(18330)!.Value;
        var web = await Lab.RunAsync(LabImages.Base, new RunOptions
        {
            Name = Unique("web"),
            Publish = [PortPublication.Parse($"{port}:80")],
            Command = ["httpd", "-f", "-p", "80", "-h", "/etc"],
            Interactive = false,
        });
        await Lab.WaitForHttpAsync(web, 80, "/hostname");
        Assert.True((await Lab.TryFromNeighbourAsync(refused, "web", refused.HostAddress, port)).Reachable);

        var rule = await Lab.LimitPublishedPortAsync(port, allowed);

        var tagged = Assert.Single(await TaggedAsync());
        Assert.Equal(("DOCKER-USER", "tcp", "DROP"), (tagged.Chain, tagged.Protocol, tagged.Target));
        Assert.Contains("-i cw-lan+", tagged.Rule);
        Assert.Contains($"! -s {allowed.Address}/32", tagged.Rule);
        Assert.Contains($"--ctorigdstport {port}", tagged.Rule);
        Assert.Contains($"courseware.rule=limit-port:{port}", tagged.Rule);
        Assert.StartsWith($"iptables -I DOCKER-USER -i cw-lan+ -p tcp -m conntrack --ctorigdstport {port} --ctdir ORIGINAL '!' -s {allowed.Address}/32 ", rule.CommandLine);
        Assert.True((await Lab.TryFromNeighbourAsync(allowed, "web", allowed.HostAddress, port)).Reachable);
        Assert.False((await Lab.TryFromNeighbourAsync(refused, "web", refused.HostAddress, port)).Reachable);
        Assert.True((await Lab.HttpGetAsync(web, 80, "/hostname")).IsSuccess);

        var report = await Lab.CleanAsync();
        Assert.Single(report.FirewallRules);
        Assert.Empty(await TaggedAsync());
        await rule.DisposeAsync();   // already gone: harmless
    }
}
