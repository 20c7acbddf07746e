using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 06: the default bridge names another server than the embedded DNS, and the lesson's reading of it is
    /// the case the prose names for this engine (CI's engines run with --dns 127.0.0.1); aliases; names per network.
    /// </summary>
    public static async Task Lesson06Async(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();
        var resolv = Text(lesson, "dns-resolvconf");
        var split = resolv.IndexOf("$ docker exec dns-client cat /etc/resolv.conf", StringComparison.Ordinal);
        Assert.True(split > 0, resolv);
        Assert.Matches(@"(?m)^nameserver \S+", resolv[..split]);
        Assert.DoesNotContain("127.0.0.11", resolv[..split]);
        Assert.Contains("nameserver 127.0.0.11", resolv[split..]);
        Assert.Contains("The engine's answer: no.", resolv);
        if (engine.Version.Major >= 28) Assert.Contains("# ExtServers:", resolv[split..]);
        else Assert.DoesNotContain("# Based on host file", resolv);

        // Each nameserver line of the default bridge is read as one of the prose's cases; CI's engines (and this
        // machine's) run with --dns 127.0.0.1, which the prose says the test engines do.
        var servers = Regex.Matches(resolv[..split], @"(?m)^nameserver (\S+)").Select(m => m.Groups[1].Value).ToList();
        var source = Text(lesson, "dns-source");
        foreach (var server in servers) Assert.Contains($"{server}: ", source);
        if (Environment.GetEnvironmentVariable("COURSEWARE_OFFLINE_DNS") == "1" || Prerequisites.InCi)
            Assert.Equal(["127.0.0.1"], servers);
        if (servers.SequenceEqual(["127.0.0.1"]))
            Assert.Contains("127.0.0.1: loopback, so it came from a --dns setting", source);

        var alias = Text(lesson, "resolve-alias");
        var webIp = Regex.Match(alias, @"dns-web → (\d+\.\d+\.\d+\.\d+) \(from dns-client\)").Groups[1].Value;
        Assert.NotEmpty(webIp);
        Assert.Contains($"site → {webIp} (from dns-client)", alias);
        // dns-api-2 got its alias as it joined dnsnet (docker network connect --alias), and answers to it there.
        Assert.Matches(@"dns-api-1 is \d+\.\d+\.\d+\.\d+, dns-api-2 is \d+\.\d+\.\d+\.\d+ on dnsnet", Text(lesson, "dns-api-run"));
        Assert.Contains("The engine's answer: 2.", Text(lesson, "dns-round-robin"));
        // Your turn 2: on dnsnet, a container's own --dns does not change its file: it still names the embedded DNS.
        Assert.Contains("its resolv.conf still names 127.0.0.11, which answers dns-web", Text(lesson, "yourturn-2-check"));
        Assert.Contains("The engine's answer: no.", Text(lesson, "dns-scoped"));
        Assert.Matches(@"Removed \d+ container\(s\), 2 network\(s\)", Text(lesson, "clean"));
    }
}
