using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// The claims of lesson 01's "From the container to the host" and lesson 02's "DNS in depth", asserted from an executed
/// lesson with the outcome the prose states for the engine the tests run on (read from the live engine).
/// </summary>
public static class HostAndDnsClaims
{
    private static string Text(ExecutedNotebook notebook, string sourceFragment) => LessonNotebook.Text(notebook.CellWithSource(sourceFragment));

    private static string Ip(string text, string pattern) => Regex.Match(text, pattern).Groups[1].Value is { Length: > 0 } ip ? ip
        : throw new Xunit.Sdk.XunitException($"no match for {pattern} in:\n{text}");

    /// <summary>Lesson 01 run with hostPort <paramref name="hostPort"/>: its services listen on hostPort + 10, 11 and 12.</summary>
    public static void AssertContainerToHost(ExecutedNotebook lesson, int hostPort = 8080)
    {
        var engine = LiveEngine.Get();
        int loopbackPort = hostPort + 10, anyPort = hostPort + 11, gatewayPort = hostPort + 12;

        var listen = Text(lesson, "var devService = docker.ListenOnHost(\"127.0.0.1\"");
        Assert.Contains($"GET http://localhost:{loopbackPort}/ → 200 OK", listen);
        Assert.Contains($"Listening on 127.0.0.1:{loopbackPort} in this process", listen);
        Assert.Contains("1 request(s): GET / from 127.0.0.1", listen);

        // localhost inside the container is the container: refused on every engine.
        var local = Text(lesson, "$\"http://localhost:{devService.Port}/\"");
        Assert.Contains($"$ docker exec caller wget -qO- http://localhost:{loopbackPort}/", local);
        Assert.Contains("can't connect to remote host (127.0.0.1): Connection refused", local);
        Assert.Contains("(exit code 1)", local);

        // The gateway: a service on 127.0.0.1 is refused there on every engine.
        var viaGateway = Text(lesson, "var gateway = (await docker.InspectAsync(\"caller\"))");
        var gateway = Ip(viaGateway, @"the bridge gateway: (\d+\.\d+\.\d+\.\d+)");
        Assert.Contains($"default via {gateway} dev eth0", viaGateway);
        var callerIp = Ip(viaGateway, @"scope link\s+src (\d+\.\d+\.\d+\.\d+)");
        Assert.Contains($"can't connect to remote host ({gateway}): Connection refused", viaGateway);

        var any = Text(lesson, "var everywhere = docker.ListenOnHost(\"0.0.0.0\"");
        if (engine.IsRootless)
        {
            // The gateway is rootlesskit's, inside its namespace: refused, and the host cannot listen on it.
            Assert.Contains($"$ docker exec caller timeout 5 wget -qO- http://{gateway}:{anyPort}/\nwget: can't connect to remote host ({gateway}): Connection refused", any);
            // The host has that address only if something else (a rootful engine's docker0) put it there: then the
            // service starts and is still refused; otherwise it cannot start.
            Assert.True(any.Contains($"{gateway} is not an address of this machine", StringComparison.Ordinal)
                || any.Contains($"$ docker exec caller timeout 5 wget -qO- http://{gateway}:{gatewayPort}/\nwget: can't connect to remote host ({gateway}): Connection refused", StringComparison.Ordinal), any);
            Assert.Contains("0 request(s)", any);
        }
        else
        {
            Assert.Contains($"Hello from the host: a service listening on 0.0.0.0:{anyPort} answered {callerIp}", any);
            Assert.Contains($"Hello from the host: a service listening on {gateway}:{gatewayPort} answered {callerIp}", any);
            Assert.Contains($"1 request(s): GET / from {callerIp}", any);
        }

        var rootless = Text(lesson, "if (docker.Engine.IsRootless)");
        if (engine.IsRootless)
            Assert.Contains("can't connect to remote host (10.0.2.2): Network is unreachable", rootless);
        else
            Assert.Contains("Not a rootless engine: nothing sent.", rootless);

        var named = Text(lesson, "AddHosts = [\"host.docker.internal:host-gateway\"]");
        var beforeFlag = named[..named.IndexOf("$ docker exec caller-named cat /etc/hosts", StringComparison.Ordinal)];
        Assert.Contains("$ docker exec caller cat /etc/hosts", beforeFlag);
        Assert.DoesNotContain("host.docker.internal", beforeFlag);
        Assert.Contains($"{gateway}\thost.docker.internal", named);
        Assert.Contains($"$ docker exec caller-named timeout 5 wget -qO- http://host.docker.internal:{anyPort}/", named);
        if (engine.IsRootless)
            Assert.Contains($"can't connect to remote host ({gateway}): Connection refused", named);
        else
            Assert.Matches($@"a service listening on 0\.0\.0\.0:{anyPort} answered \d+\.\d+\.\d+\.\d+\n\(exit code 0\)", named);
    }

    /// <summary>Lesson 02 with its default network name, labnet.</summary>
    public static void AssertDnsInDepth(ExecutedNotebook lesson)
    {
        var engine = LiveEngine.Get();

        var resolv = Text(lesson, "display(await docker.ExecAsync(\"client-default\", \"cat\", \"/etc/resolv.conf\"));");
        var split = resolv.IndexOf("$ docker exec client cat /etc/resolv.conf", StringComparison.Ordinal);
        Assert.True(split > 0, resolv);
        Assert.Matches(@"(?m)^nameserver \S+", resolv[..split]);
        Assert.DoesNotContain("127.0.0.11", resolv[..split]);
        Assert.Contains("nameserver 127.0.0.11", resolv[split..]);
        if (engine.Major >= 28) Assert.Contains("# ExtServers:", resolv[split..]);

        // Round robin: both addresses in every answer, each of them first at least once in 20 lookups.
        var roundRobin = Text(lesson, "var lookups = new List<ResolveResult>();");
        var api1 = Ip(roundRobin, @"api-1 is (\d+\.\d+\.\d+\.\d+)");
        var api2 = Ip(roundRobin, @"api-2 is (\d+\.\d+\.\d+\.\d+)");
        Assert.Matches($@"api → ({Regex.Escape(api1)}, {Regex.Escape(api2)}|{Regex.Escape(api2)}, {Regex.Escape(api1)}) \(from client\)", roundRobin);
        var figure = Assert.Single(LessonNotebook.Bundles(lesson.CellWithSource("Charts.DnsAnswers(lookups)"), "application/vnd.plotly.v1+json"));
        var data = figure["data"]!.AsArray();
        Assert.Equal(new[] { api1, api2 }.Order(StringComparer.Ordinal), data[0]!["x"]!.AsArray().Select(v => (string)v!));
        var first = data[0]!["y"]!.AsArray().Select(v => (int)v!).ToList();
        var later = data[1]!["y"]!.AsArray().Select(v => (int)v!).ToList();
        Assert.Equal(20, first.Sum());
        Assert.All(first.Zip(later), p => Assert.Equal(20, p.First + p.Second));
        Assert.All(first, count => Assert.InRange(count, 1, 19));

        // Names per network.
        var scoped = Text(lesson, "await docker.Network.CreateAsync(\"staging\");");
        var staging = Ip(scoped, @"api-staging is (\d+\.\d+\.\d+\.\d+)");
        Assert.Matches($@"api → ({Regex.Escape(api1)}, {Regex.Escape(api2)}|{Regex.Escape(api2)}, {Regex.Escape(api1)}) \(from client\)", scoped);
        Assert.Contains($"api → {staging} (from client-staging)", scoped);

        // --internal: reach each other, nothing published, no way out.
        Assert.Contains("vault-client → http://vault-db/: exit code 0, title: Hello from exercise4", Text(lesson, "await docker.Network.CreateAsync(\"vault\", @internal: true);"));
        var published = Text(lesson, "vaultDb.Ports.Count");
        Assert.Contains("vault-db has 0 published port(s)", published);
        Assert.Contains("Nothing answered at http://localhost:8095/", published);
        var outward = Text(lesson, "await docker.PingAsync(from: \"vault-client\", to: webDefaultIp");
        var vaultClientIp = Ip(outward, @"scope link\s+src (\d+\.\d+\.\d+\.\d+)");
        Assert.Equal(engine.InternalNetworksHaveADefaultRoute, outward.Contains("default via", StringComparison.Ordinal));
        Assert.Matches(@"PING \d+\.\d+\.\d+\.\d+ \(\d+\.\d+\.\d+\.\d+\) from vault-client: no reply", outward);

        // The host: at vault's gateway it answers on rootful engines; at the default bridge's gateway only where
        // containers get a default route (before 25.0); never on rootless.
        var host = Text(lesson, "var hostService = docker.ListenOnHost(\"0.0.0.0\", 8096);");
        var vaultGateway = Ip(host, @"\$ docker exec vault-client timeout 5 wget -qO- http://(\d+\.\d+\.\d+\.\d+):8096/");
        var answered = $"Hello from the host: a service listening on 0.0.0.0:8096 answered {vaultClientIp}";
        var answers = Regex.Matches(host, Regex.Escape(answered)).Count;
        if (engine.IsRootless)
        {
            Assert.Equal(0, answers);
            Assert.Equal(2, Regex.Matches(host, "Connection refused").Count);
        }
        else if (engine.InternalNetworksHaveADefaultRoute)
        {
            Assert.Equal(2, answers);
        }
        else
        {
            Assert.Equal(1, answers);
            Assert.Contains($"http://{vaultGateway}:8096/\n{answered}", host);
            Assert.Contains("Network is unreachable", host);
        }
    }
}
