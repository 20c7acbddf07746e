using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>Lesson 03 forms a three-node swarm, pings across hosts by name, spreads a service, and leaves nothing.</summary>
    public static void Lesson03(ExecutedNotebook lesson)
    {

        Assert.Contains("This engine can host the cluster", Text(lesson, "connect"));
        var hosts = Text(lesson, "create-cluster");
        var lan = new Dictionary<string, string>();
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Assert.Contains($"docker run -d --name {node} --network lan --hostname {node} --cap-add SYS_ADMIN", hosts);
            lan[node] = Regex.Match(hosts, $@"{node} (\d+\.\d+\.\d+\.\d+)").Groups[1].Value;
            Assert.NotEmpty(lan[node]);
        }
        Assert.Equal(3, lan.Values.Distinct().Count());

        // docker node ls: three hosts, all Ready, node1 the leader.
        var nodeLs = Text(lesson, "swarm-init");
        Assert.Matches(@"node1\s+Ready\s+Active\s+Leader", nodeLs);
        Assert.Matches(@"node2\s+Ready\s+Active", nodeLs);
        Assert.Matches(@"node3\s+Ready\s+Active", nodeLs);
        Assert.Contains("node2 refused", Text(lesson, "reveal-worker-node-ls"));

        // Across hosts, by name, no loss.
        var ping = Text(lesson, "reveal-cross-host");
        var betaIp = Regex.Match(ping, @"PING beta \((\d+\.\d+\.\d+\.\d+)\) from alpha: 3 transmitted, 3 received, 0% packet loss").Groups[1].Value;
        Assert.NotEmpty(betaIp);
        var underneath = Text(lesson, "overlay-underneath");
        Assert.Contains($"beta  {betaIp}", underneath);
        Assert.Contains($"runs on node2, LAN address {lan["node2"]}", underneath);
        var vxlan = Text(lesson, "vxlan");
        Assert.Contains("vxlan id", vxlan);
        Assert.Contains("dstport 4789", vxlan);
        Assert.Contains($"The tunnel to node2: ", vxlan);
        Assert.Contains($"dst {lan["node2"]}", vxlan);

        // IPVS: the lesson's verdict is this kernel's.
        var ipvs = Text(lesson, "check-ipvs");
        Assert.Contains(System.IO.Directory.Exists("/sys/module/ip_vs") ? "IPVS is available" : "IPVS is NOT in kernel", ipvs);
        var dnsrr = !System.IO.Directory.Exists("/sys/module/ip_vs");

        // The service: 3 tasks, on at least 2 hosts; tasks.web has one address per task.
        var service = Text(lesson, "service-create");
        Assert.Contains(dnsrr ? "--endpoint-mode dnsrr exercise4" : "--network labnet exercise4", service);
        var taskNodes = Regex.Matches(service, @"web\.\d\s+(node\d)\s+running\s+running").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, taskNodes.Count);
        Assert.True(taskNodes.Distinct().Count() >= 2, service);
        var tasksDns = Text(lesson, "reveal-tasks-web");
        Assert.Equal(3, Regex.Match(tasksDns, @"tasks\.web → ([0-9., ]+) \(from alpha\)").Groups[1].Value.Split(", ").Length);
        Assert.Contains("title: Hello from exercise4", Text(lesson, "curl-service"));
        Assert.Contains("web runs 5 tasks on", Text(lesson, "yourturn-1-check"));
        var down = Text(lesson, "scale-down");
        Assert.Equal(2, Regex.Match(down, @"tasks\.web → ([0-9., ]+) \(from alpha\)").Groups[1].Value.Split(", ").Length);

        // Published: every host's LAN address serves the page on 8088.
        var front = Text(lesson, "published-port");
        foreach (var (node, address) in lan)
            Assert.Contains($"{node} {address}:8088 → 200 Hello from exercise4", front);

        Assert.Contains("gamma → alpha by name: 2/2 replies", Text(lesson, "yourturn-2-check"));
        Assert.Contains("delta cannot even resolve alpha", Text(lesson, "yourturn-3-check"));

        var topology = Figure(lesson, "swarm-topology").ToJsonString();
        Assert.Contains(betaIp, topology);
        Assert.Contains(lan["node3"], topology);
        var removed = Text(lesson, "clean");
        Assert.Contains("Removed 3 container(s), 1 network(s), 0 image(s), 3 volume(s).", removed);
        // The host engine itself never joined the swarm.
        var (_, swarm, _) = DockerCli.Run("info", "--format", "{{.Swarm.LocalNodeState}}");
        Assert.Equal("inactive", swarm.Trim());
    }
}
