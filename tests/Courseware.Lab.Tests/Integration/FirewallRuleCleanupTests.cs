using Courseware.Lab.Tests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Every host firewall rule the course adds carries its session's labels in an iptables comment, and goes the way the
/// session's containers go: with the lesson's clean-up, and at the next connect after the session's process died.
/// On the engine under test (rootless: RootlessKit's namespace, where that engine's DOCKER-USER chain is).
/// </summary>
public sealed class FirewallRuleCleanupTests : LabTest
{
    private async Task<IReadOnlyList<NatRule>> TaggedAsync(string session) =>
        (await Lab.Host.RulesAsync("DOCKER-USER")).Where(r => r.Rule.Contains($"{LabLabels.Session}={session} ", StringComparison.Ordinal)).ToList();

    [DockerFact]
    public async Task A_DOCKER_USER_drop_is_scoped_tagged_replaced_when_planted_again_and_removed_by_the_sessions_clean_up()
    {
        var name = Unique("dropped");
        await Sleeper.RunAsync(Lab, name);
        var ip = (await Lab.InspectAsync(name)).IpAddress!;

        await Lab.DropForwardedAsync(name, 80);
        var rule = await Lab.DropForwardedAsync(name, 80);   // planted again: still one rule

        var tagged = Assert.Single(await TaggedAsync(Lab.SessionId));
        Assert.Equal(("DOCKER-USER", "tcp", "DROP"), (tagged.Chain, tagged.Protocol, tagged.Target));
        Assert.Contains($"-d {ip}/32", tagged.Match);
        Assert.Contains("--dport 80", tagged.Match);
        Assert.Contains($"courseware.rule=drop-forwarded:{name}", tagged.Rule);
        Assert.StartsWith("iptables -I DOCKER-USER -d ", rule.CommandLine);

        var report = await Lab.CleanAsync();
        Assert.Single(report.FirewallRules);
        Assert.Contains("1 host firewall rule(s)", report.ToString());
        Assert.Empty(await TaggedAsync(Lab.SessionId));
        await rule.DisposeAsync();   // already gone: harmless
    }

    [DockerFact]
    public async Task A_dead_sessions_rule_goes_at_the_next_connect_and_a_live_sessions_stays()
    {
        using var client = new DockerClientBuilder().Build();
        var dead = $"ghost-{Guid.NewGuid():N}";
        var labels = DeadSession.Labels(dead);
        // A rule for a documentation address (RFC 5737), tagged as the dead session's, as a killed lesson 04 leaves its drop.
        string[] ghost = ["DOCKER-USER", "-d", "192.0.2.44/32", "-p", "tcp", "--dport", "80", "-m", "comment", "--comment", FirewallTag.Comment(labels, "ghost"), "-j", "DROP"];
        Assert.True((await Lab.Host.Helper.RunAsync(["iptables", "-I", .. ghost], HostHelper.NetAdminCaps, null, CancellationToken.None)).Succeeded);
        Assert.Single(await TaggedAsync(dead));
        var live = await Lab.DropForwardedAsync((await Sleeper.RunAsync(Lab, Unique("kept"))).Name, 80);
        // Its container last: from then on, any connect (this test's, or a parallel test's) may find the leftover and sweep.
        await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = LabImages.Base, Labels = labels, Cmd = ["true"] });

        await using (await DockerLab.ConnectAsync("test-firewall-next"))
        {
            // A parallel test's connect may be the one removing it: read again until every remover is done.
            for (var i = 0; i < 40 && (await TaggedAsync(dead)).Count > 0; i++) await Task.Delay(250);
            Assert.Empty(await TaggedAsync(dead));
            Assert.Single(await TaggedAsync(Lab.SessionId));
        }
        await live.DisposeAsync();
        Assert.Empty(await TaggedAsync(Lab.SessionId));
    }
}
