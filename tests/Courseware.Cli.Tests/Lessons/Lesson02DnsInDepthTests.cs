using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 02's "DNS in depth" (issue 12): resolv.conf, round robin, names per network and --internal, asserted on the
/// lesson's one `courseware run` with the outcome the prose states for the live engine.
/// </summary>
[Collection("lessons")]
public sealed class Lesson02DnsInDepthTests
{

    private static string Ip(string text, string pattern) => Regex.Match(text, pattern).Groups[1].Value is { Length: > 0 } ip ? ip
        : throw new Xunit.Sdk.XunitException($"no match for {pattern} in:\n{text}");

    [DockerFact]
    public async Task Embedded_dns_answers_on_user_networks_round_robin_names_per_network_and_internal_networks_per_engine()
    {
        var lesson = await LessonRuns.DefaultAsync("container-to-container");
        var engine = await LiveEngine.GetAsync();
        // Engines before 25.0 give containers on an --internal network a default route (moby/moby#46603 removed it).
        var internalDefaultRoute = engine.Version.Major < 25;

        var resolv = Text(lesson, "dns-resolvconf");
        var split = resolv.IndexOf("$ docker exec client cat /etc/resolv.conf", StringComparison.Ordinal);
        Assert.True(split > 0, resolv);
        Assert.Matches(@"(?m)^nameserver \S+", resolv[..split]);
        Assert.DoesNotContain("127.0.0.11", resolv[..split]);
        Assert.Contains("nameserver 127.0.0.11", resolv[split..]);
        if (engine.Version.Major >= 28) Assert.Contains("# ExtServers:", resolv[split..]);

        // Round robin: both addresses in every answer, each of them first at least once in 20 lookups.
        var roundRobin = Text(lesson, "dns-round-robin");
        var api1 = Ip(roundRobin, @"api-1 is (\d+\.\d+\.\d+\.\d+)");
        var api2 = Ip(roundRobin, @"api-2 is (\d+\.\d+\.\d+\.\d+)");
        Assert.Matches($@"api → ({Regex.Escape(api1)}, {Regex.Escape(api2)}|{Regex.Escape(api2)}, {Regex.Escape(api1)}) \(from client\)", roundRobin);
        var figure = Assert.Single(LessonNotebook.Bundles(lesson.Cell("dns-round-robin"), MimeTypes.Plotly));
        var data = figure["data"]!.AsArray();
        Assert.Equal(new[] { api1, api2 }.Order(StringComparer.Ordinal), data[0]!["x"]!.AsArray().Select(v => (string)v!));
        var first = data[0]!["y"]!.AsArray().Select(v => (int)v!).ToList();
        var later = data[1]!["y"]!.AsArray().Select(v => (int)v!).ToList();
        Assert.Equal(20, first.Sum());
        Assert.All(first.Zip(later), p => Assert.Equal(20, p.First + p.Second));
        Assert.All(first, count => Assert.InRange(count, 1, 19));

        // Names per network.
        var scoped = Text(lesson, "dns-scoped");
        var staging = Ip(scoped, @"api-staging is (\d+\.\d+\.\d+\.\d+)");
        Assert.Matches($@"api → ({Regex.Escape(api1)}, {Regex.Escape(api2)}|{Regex.Escape(api2)}, {Regex.Escape(api1)}) \(from client\)", scoped);
        Assert.Contains($"api → {staging} (from client-staging)", scoped);

        // --internal: reach each other, nothing published, no way out.
        Assert.Contains("vault-client → http://vault-db/: exit code 0, title: Hello from exercise4", Text(lesson, "internal-create"));
        var published = Text(lesson, "internal-published-try");
        Assert.Contains("vault-db has 0 published port(s)", published);
        Assert.Contains("Nothing answered at http://localhost:8095/", published);
        var outward = Text(lesson, "internal-route-out");
        var vaultClientIp = Ip(outward, @"scope link\s+src (\d+\.\d+\.\d+\.\d+)");
        Assert.Equal(internalDefaultRoute, outward.Contains("default via", StringComparison.Ordinal));
        Assert.Matches(@"PING \d+\.\d+\.\d+\.\d+ \(\d+\.\d+\.\d+\.\d+\) from vault-client: no reply", outward);

        // The host: at vault's gateway it answers on rootful engines; at the default bridge's gateway only where
        // containers get a default route (before 25.0); never on rootless.
        var host = Text(lesson, "internal-host");
        var vaultGateway = Ip(host, @"\$ docker exec vault-client timeout 5 wget -qO- http://(\d+\.\d+\.\d+\.\d+):8096/");
        var answered = $"Hello from the host: a service listening on 0.0.0.0:8096 answered {vaultClientIp}";
        var answers = Regex.Matches(host, Regex.Escape(answered)).Count;
        if (engine.IsRootless)
        {
            Assert.Equal(0, answers);
            Assert.Equal(2, Regex.Matches(host, "Connection refused").Count);
        }
        else if (internalDefaultRoute)
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
