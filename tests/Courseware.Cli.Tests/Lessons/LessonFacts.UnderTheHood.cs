using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 04 (under the hood), against the engine's real rules, sockets and packets: the DNAT rule's target is the
    /// container's address and port; docker-proxy listens on the published port; a request from this machine arrives
    /// from the bridge gateway, one from the neighbour with the neighbour's own address; the neighbour sees a
    /// container's call from the host's address (MASQUERADE); the veth's far end is on docker0; the sidecar reaches the
    /// loopback-only app and the published port does not; the capture shows the same packets before and after DNAT.
    /// Where no neighbour can be wired (rootless), the cells say so and the facts a rootless engine shows still hold.
    /// </summary>
    public static async Task UnderTheHoodAsync(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();
        var live = engine.HostCanReachContainerIps;

        Assert.Contains("Linux engine", Text(lesson, "connect"));
        Assert.Contains(live ? "tuh-neighbour: a LAN neighbour at 10.250.4.2/30; the host is 10.250.4.1 on cw-lan4" : "no LAN neighbour on this engine", Text(lesson, "lan-neighbour"));
        Assert.Contains("GET http://localhost:8110/ → 200 OK", Text(lesson, "run-web"));

        // The DNAT rule's target is tuh-web's own address and port 80; tuh-second's, its own (rootless: in RootlessKit's namespace).
        var webIp = FirstGroup(Text(lesson, "masquerade"), @"tuh-web is (\d+\.\d+\.\d+\.\d+);");
        Assert.Matches($@"tuh-web's rule: DOCKER tcp ! -i docker0 --dport 8110 -> DNAT {Regex.Escape(webIp)}:80", Text(lesson, "nat-rule"));
        Assert.Contains("MASQUERADE", Text(lesson, "nat-rule"));
        var reveal = Text(lesson, "reveal-second");
        Assert.Contains("The engine's answer: container.", reveal);
        Assert.Matches(@"The rule: DOCKER tcp ! -i docker0 --dport 8111 -> DNAT (\d+\.\d+\.\d+\.\d+):80\. Its target is \1:80: tuh-second's own address \(\1\)", reveal);

        // docker-proxy: a process per published host port.
        var ss = Text(lesson, "docker-proxy");
        // Rootless: inside RootlessKit's namespace, where RootlessKit's port driver hands connections to it on loopback.
        Assert.Contains(engine.IsRootless ? "127.0.0.1:8110" : "0.0.0.0:8110", ss);
        Assert.Contains("docker-proxy", ss);

        // The source address tuh-web saw: the gateway through docker-proxy; the neighbour's own through DNAT.
        var sources = Text(lesson, "request-sources");
        var gateway = FirstGroup(sources, @"\(its gateway is (\d+\.\d+\.\d+\.\d+)\)");
        Assert.Contains($"tuh-web saw this machine's request from {gateway} (its gateway is {gateway}), and the neighbour's from {(live ? "10.250.4.2" : "(no neighbour on this engine)")}", sources);
        Assert.Contains("The engine's answer: gateway.", Text(lesson, "reveal-source"));

        // MASQUERADE, seen by the neighbour: the host's address on its cable, not tuh-web's.
        Assert.Contains($"tuh-web is {webIp}; the neighbour saw the call come from {(live ? "10.250.4.1" : "(no neighbour on this engine)")}", Text(lesson, "masquerade"));

        // The wire: eth0@ifN, and the host's interface N plugged into docker0.
        Assert.Matches(@"tuh-web's eth0 is one end; the other is the host's interface (\d+): veth[0-9a-f]+, plugged into docker0", Text(lesson, "wire"));

        // The sidecar shares tuh-loopback's loopback; the published port reaches its eth0, where nothing listens.
        Assert.Contains("tcp     127.0.0.1   80", Text(lesson, "run-loopback"));
        Assert.Contains("HTTP/1.1 200 OK", Text(lesson, "sidecar"));
        var sidecar = Text(lesson, "reveal-sidecar");
        Assert.Contains("The engine's answer: yes.", sidecar);
        Assert.Contains("The published port got: no page.", sidecar);

        // The capture: the neighbour's packets to 10.250.4.1:8110 on its cable are on the bridge to tuh-web:80, same source.
        Assert.Contains(live ? $"first packet on the cable: 10.250.4.2:{Port(lesson)} > 10.250.4.1:8110; on the bridge: 10.250.4.2:{Port(lesson)} > {webIp}:80"
            : "No neighbour on this engine, so nothing crosses a cable to capture", Text(lesson, "capture"));
        // conntrack rewrites the replies back: on the cable they come from the host's address and port, on the bridge from tuh-web's.
        if (live)
        {
            Assert.Matches($@"TCP\s+10\.250\.4\.1:8110\s+10\.250\.4\.2:{Port(lesson)}\s+Flags \[S\.\]", Text(lesson, "capture"));
            Assert.Matches($@"TCP\s+{Regex.Escape(webIp)}:80\s+10\.250\.4\.2:{Port(lesson)}\s+Flags \[S\.\]", Text(lesson, "capture"));
        }

        Assert.Contains(live ? "iptables -I DOCKER-USER -i cw-lan4 -d " : "iptables -I DOCKER-USER -d ", Text(lesson, "plant-firewall"));
        Assert.Matches(@"Removed \d+ container\(s\), 0 network\(s\), 3 image\(s\)", Text(lesson, "clean"));
    }

    /// <summary>The neighbour's source port in the capture's first packet (the same on the cable and on the bridge).</summary>
    private static string Port(ExecutedNotebook lesson) => FirstGroup(Text(lesson, "capture"), @"first packet on the cable: 10\.250\.4\.2:(\d+) >");
}
