using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// What each lesson's prose claims, checked in an executed notebook whichever kernel executed it: `courseware run`
/// (LessonRunTests, Lesson03MultiHostTests) or `courseware kernel` under Jupyter's nbconvert (JupyterLessonTests).
/// Cells are found by their id, never by a piece of their code.
/// </summary>
public static class LessonFacts
{
    /// <summary>Lesson 01 serves the page on the host port, finds the IP, pings it without loss, and shows the port experiments.</summary>
    public static async Task Lesson01Async(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();

        Assert.Contains("Linux engine", Text(lesson, "connect"));
        Assert.Matches(@"Built exercise4 \([0-9a-f]{12}\)", Text(lesson, "build-exercise4"));
        Assert.Contains("0.0.0.0:8080 → 80/tcp", Text(lesson, "run-exercise4"));
        var page = Text(lesson, "curl-exercise4");
        Assert.Contains("GET http://localhost:8080/ → 200 OK", page);
        Assert.Contains("Hello from exercise4", page);
        Assert.Contains("0.0.0.0:8080->80/tcp", Text(lesson, "ps"));
        var ip = Regex.Match(Text(lesson, "inspect-exercise4"), @"bridge (\d+\.\d+\.\d+\.\d+)").Groups[1].Value;
        Assert.NotEmpty(ip);
        Assert.Contains($"bridge: {ip}/", Text(lesson, "container-ip"));
        var ping = Text(lesson, "ping-exercise4");
        // Only a rootful Linux engine's container IPs are on the host; elsewhere the ping comes from a container, and says why.
        Assert.Contains(engine.HostCanReachContainerIps
            ? $"PING exercise4 ({ip}) from this host: 5 transmitted, 5 received, 0% packet loss"
            : $"PING exercise4 ({ip}) from courseware-pinger-bridge: 5 transmitted, 5 received, 0% packet loss", ping);
        if (!engine.HostCanReachContainerIps) Assert.Contains(engine.IsRootless ? "rootless" : "VM", ping);
        Assert.Contains(engine.Kind, Text(lesson, "connect"));
        var rtt = Figure(lesson, "ping-from-container");
        Assert.Equal(["box", "box"], rtt["data"]!.AsArray().Select(t => (string?)t!["type"]));

        Assert.Contains("GET http://localhost:8081/ → 200 OK", Text(lesson, "run-my-mapping"));
        Assert.Matches(@"-p 80 → Docker chose host port \d+;  -P → host port \d+", Text(lesson, "run-random-port"));
        Assert.Contains("same page: True", Text(lesson, "run-two-doors"));
        Assert.Contains("127.0.0.1:8084 → 80/tcp", Text(lesson, "run-local-only"));
        var clash = Text(lesson, "run-clash");
        Assert.Contains("Port already allocated: Host port 8080 is already allocated", clash);
        Assert.Contains("out of range 1-65535", Text(lesson, "invalid-port"));
        Assert.Equal("sankey", (string?)Figure(lesson, "port-mappings")["data"]![0]!["type"]);
        Assert.Matches(@"Removed \d+ container\(s\), 0 network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }

    /// <summary>Lesson 02 resolves names only on a user-defined network, and its networks isolate.</summary>
    public static void Lesson02(ExecutedNotebook lesson)
    {
        Assert.Contains("0% packet loss", Text(lesson, "ping-default-bridge"));
        Assert.Contains("web-default does not resolve from client-default", Text(lesson, "resolve-default-bridge"));
        var names = Text(lesson, "resolve-labnet");
        var webIp = Regex.Match(names, @"web → (\d+\.\d+\.\d+\.\d+) \(from client\)").Groups[1].Value;
        Assert.NotEmpty(webIp);
        Assert.Contains($"site → {webIp} (from client)", names);
        var byName = Text(lesson, "wget-by-name");
        Assert.Contains("exit code 0", byName);
        Assert.Contains("title: Hello from exercise4", byName);
        Assert.Contains($"PING web ({webIp}) from client: 3 transmitted, 3 received, 0% packet loss", byName);

        var isolated = Text(lesson, "resolve-across-networks");
        Assert.Contains("web does not resolve from client-default", isolated);
        Assert.Contains($"PING {webIp} ({webIp}) from client-default: no reply", isolated);
        Assert.Contains($"PING web ({webIp}) from client-default: 2 transmitted, 2 received, 0% packet loss", Text(lesson, "network-connect"));
        Assert.Contains("from client-default: no reply", Text(lesson, "network-disconnect"));
        Assert.Contains("from client: no reply", Text(lesson, "isolation-backend"));
        Assert.Contains("docker0", Text(lesson, "network-host"));
        var none = Text(lesson, "network-none");
        Assert.Contains("inet 127.0.0.1/8", none);
        Assert.DoesNotContain("eth0", none);
        var topology = Figure(lesson, "topology");
        Assert.Contains(webIp, topology.ToJsonString());
        // Every network the lesson made is removed (LessonRuns also checks that nothing labelled is left).
        Assert.Matches(@"Removed \d+ container\(s\), \d+ network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }

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
