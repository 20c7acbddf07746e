using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 05 resolves names only on a user-defined network, its networks isolate container addresses, an
    /// --internal network has no way out (the LAN neighbour answers an ordinary network only) yet still reaches a host
    /// service at its own gateway, per engine.
    /// </summary>
    public static async Task Lesson05Async(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();
        Assert.Contains("0% packet loss", Text(lesson, "ping-default-bridge"));
        // By name on the default bridge: /etc/hosts has no web-default, and nothing answers at 127.0.0.11 (asked there,
        // never at the resolver the host's settings name, so that the question stays on this machine).
        var defaultName = Text(lesson, "reveal-default-name");
        Assert.Contains("$ docker exec client-default cat /etc/hosts", defaultName);
        Assert.DoesNotContain("web-default\n", defaultName[..defaultName.IndexOf("$ docker exec client-default nslookup", StringComparison.Ordinal)]);
        Assert.Contains("write to '127.0.0.11': Connection refused", defaultName);
        Assert.Contains("The engine's answer: no.", defaultName);
        var byName = Text(lesson, "wget-by-name");
        var webIp = Regex.Match(byName, @"c2c-web → (\d+\.\d+\.\d+\.\d+) \(from c2c-client\)").Groups[1].Value;
        Assert.NotEmpty(webIp);
        Assert.Contains("exit code 0, title: Hello from exercise4", byName);

        Assert.Contains($"PING {webIp} ({webIp}) from client-default: no reply", Text(lesson, "reveal-cross-network"));
        Assert.Contains($"PING c2c-web ({webIp}) from client-default: 2 transmitted, 2 received, 0% packet loss", Text(lesson, "network-connect"));
        Assert.Contains($"PING {webIp} ({webIp}) from client-default: no reply", Text(lesson, "network-disconnect"));

        // --internal: no default route from Engine 25 (moby/moby#46603); the neighbour answers c2c-net, never c2c-vault.
        var route = Text(lesson, "internal-create");
        var vaultClientIp = Regex.Match(route, @"scope link\s+src (\d+\.\d+\.\d+\.\d+)").Groups[1].Value;
        Assert.NotEmpty(vaultClientIp);
        var internalDefaultRoute = engine.Version.Major < 25;
        Assert.Equal(internalDefaultRoute, route.Contains("default via", StringComparison.Ordinal));
        var neighbour = Text(lesson, "lan-neighbour");
        if (engine.HostCanReachContainerIps)
        {
            Assert.Contains("c2c-lan: a LAN neighbour at 10.250.5.2/30", neighbour);
            Assert.Contains("PING 10.250.5.2 (10.250.5.2) from c2c-client: 2 transmitted, 2 received, 0% packet loss", neighbour);
            Assert.Contains("PING 10.250.5.2 (10.250.5.2) from c2c-vault-client: no reply", Text(lesson, "reveal-internal-way-out"));
            Assert.DoesNotContain("Judged by the network's setting", Text(lesson, "reveal-internal-way-out"));
        }
        else
        {
            Assert.Contains("c2c-lan: no LAN neighbour on this engine", neighbour);
            Assert.DoesNotContain("PING", neighbour);
            // Nowhere outside to try: the reveal says it judges the network's setting, and pings nothing.
            Assert.Contains("No LAN neighbour on this engine, so nothing outside to try: c2c-vault has Internal = True.", Text(lesson, "reveal-internal-way-out"));
            Assert.Contains("Judged by the network's setting on this engine", Text(lesson, "reveal-internal-way-out"));
            Assert.DoesNotContain("PING", Text(lesson, "reveal-internal-way-out"));
        }
        Assert.Contains("The engine's answer: no.", Text(lesson, "reveal-internal-way-out"));

        // The host: at vault's gateway it answers on rootful engines; at the default bridge's gateway only where
        // containers get a default route (before 25.0); never on rootless. As the prose after the cell says.
        var host = Text(lesson, "internal-host");
        var answered = $"Hello from the host: a service listening on 0.0.0.0:8120 answered {vaultClientIp}";
        var answers = Regex.Matches(host, Regex.Escape(answered)).Count;
        if (engine.IsRootless)
        {
            Assert.Equal(0, answers);
            Assert.Equal(2, Regex.Matches(host, "Connection refused").Count);
        }
        else if (internalDefaultRoute) Assert.Equal(2, answers);
        else
        {
            Assert.Equal(1, answers);
            Assert.Contains("Network is unreachable", host);
        }

        var hostAndNone = Text(lesson, "network-host-none");
        Assert.Contains("docker0", hostAndNone);
        var none = hostAndNone[hostAndNone.IndexOf("$ docker exec c2c-no-net", StringComparison.Ordinal)..];
        Assert.Contains("inet 127.0.0.1/8", none);
        Assert.DoesNotContain("eth0", none);
        Assert.Contains(webIp, Figure(lesson, "topology").ToJsonString());
        // Every network the lesson made is removed (LessonRuns also checks that nothing labelled is left).
        Assert.Matches(@"Removed \d+ container\(s\), \d+ network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }
}
