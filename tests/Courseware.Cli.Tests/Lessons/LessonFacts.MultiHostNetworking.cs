using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 07 forms a three-node swarm (the worker refuses node ls, and only the course's hint names the manager),
    /// pings across hosts by name over VXLAN on UDP 4789, unencrypted, spreads a service, publishes it on 8140 of every host, and
    /// leaves nothing.
    /// </summary>
    public static void Lesson07(ExecutedNotebook lesson)
    {
        Assert.Contains("This engine can host the cluster", Text(lesson, "connect"));
        var hosts = Text(lesson, "create-cluster");
        var lan = new Dictionary<string, string>();
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Assert.Contains($"docker run -d --name {node} --network swarm-lan --hostname {node} --cap-add SYS_ADMIN", hosts);
            lan[node] = Regex.Match(hosts, $@"{node} (\d+\.\d+\.\d+\.\d+)").Groups[1].Value;
            Assert.NotEmpty(lan[node]);
        }
        Assert.Equal(3, lan.Values.Distinct().Count());
        // The nodes' API is reachable on port 2375 of their LAN addresses, from this computer.
        foreach (var (node, address) in lan) Assert.Contains($"docker -H tcp://{address}:2375 ps → 0 container(s)", Text(lesson, "3d800d64"));

        // docker node ls: three hosts, all Ready, node1 the leader.
        var nodeLs = Text(lesson, "swarm-init");
        Assert.Matches(@"node1\s+Ready\s+Active\s+Leader", nodeLs);
        Assert.Matches(@"node2\s+Ready\s+Active", nodeLs);
        Assert.Matches(@"node3\s+Ready\s+Active", nodeLs);
        // The worker refuses; the engine's message names no manager, the course's hint (labelled so) does.
        var refusal = Text(lesson, "reveal-worker-node-ls").Split('\n');
        var engine = Assert.Single(refusal, l => l.StartsWith("The engine says: ", StringComparison.Ordinal));
        Assert.Contains("not a swarm manager", engine);
        Assert.DoesNotContain(lan["node1"], engine);
        var hint = Assert.Single(refusal, l => l.StartsWith("The course's hint, not the engine's: ", StringComparison.Ordinal));
        Assert.Contains($"docker -H tcp://{lan["node1"]}:2375 node ls", hint);

        // Across hosts, by name, no loss; the VXLAN device sends to UDP 4789 and its table points at node2's LAN address.
        var ping = Text(lesson, "reveal-cross-host");
        var betaIp = Regex.Match(ping, @"PING beta \((\d+\.\d+\.\d+\.\d+)\) from alpha: 3 transmitted, 3 received, 0% packet loss").Groups[1].Value;
        Assert.NotEmpty(betaIp);
        // On swarm-lan: UDP 4789 between the hosts' LAN addresses, and inside, readable, the containers' own ping.
        var vxlan = Text(lesson, "vxlan");
        Assert.Contains($"{lan["node1"]}:", vxlan);
        Assert.Contains($" {lan["node2"]}:4789 ", vxlan);
        Assert.Matches(@"VXLAN.* → inside: IP \d+\.\d+\.\d+\.\d+ > " + Regex.Escape(betaIp) + ": ICMP echo request", vxlan);
        var topology = Figure(lesson, "swarm-topology").ToJsonString();
        Assert.Contains(betaIp, topology);
        Assert.Contains(lan["node3"], topology);
        Assert.Contains("node3 runs nothing on crossnet", Text(lesson, "swarm-topology"));

        // IPVS: the lesson's verdict is this kernel's.
        var ipvs = Text(lesson, "check-ipvs");
        Assert.Contains(System.IO.Directory.Exists("/sys/module/ip_vs") ? "IPVS is available" : "IPVS is NOT in kernel", ipvs);
        var dnsrr = !System.IO.Directory.Exists("/sys/module/ip_vs");

        // The service: 3 tasks, on at least 2 hosts; tasks.hello has one address per task.
        var service = Text(lesson, "service-create");
        Assert.Contains(dnsrr ? "--endpoint-mode dnsrr --stop-grace-period 1s exercise4" : "--network crossnet --stop-grace-period 1s exercise4", service);
        var taskNodes = Regex.Matches(service, @"hello\.\d\s+(node\d)\s+running\s+running").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, taskNodes.Count);
        Assert.True(taskNodes.Distinct().Count() >= 2, service);
        var tasksDns = Text(lesson, "reveal-tasks-web");
        Assert.Equal(3, Regex.Match(tasksDns, @"tasks\.hello → ([0-9., ]+) \(from alpha\)").Groups[1].Value.Split(", ").Length);

        // Published: every host's LAN address serves the page on 8140.
        var front = Text(lesson, "published-port");
        foreach (var (node, address) in lan)
            Assert.Contains($"{node} {address}:8140 → 200 Hello from exercise4", front);

        Assert.Contains("4 tasks on node2, node3, none on node1", Text(lesson, "yourturn-1-check"));
        Assert.Contains("gamma cannot even resolve alpha", Text(lesson, "yourturn-2-check"));
        Assert.Contains("gamma → http://hello/ over backnet → Hello from exercise4", Text(lesson, "yourturn-2-check"));
        Assert.Contains("node3 is drained and still in the swarm", Text(lesson, "yourturn-3-check"));
        Assert.Contains("gamma, a plain container, still runs there", Text(lesson, "yourturn-3-check"));

        var removed = Text(lesson, "clean");
        Assert.Contains("Removed 3 container(s), 1 network(s), 0 image(s), 3 volume(s).", removed);
        // The host engine itself never joined the swarm.
        var (_, swarm, _) = DockerCli.Run("info", "--format", "{{.Swarm.LocalNodeState}}");
        Assert.Equal("inactive", swarm.Trim());
    }
}
