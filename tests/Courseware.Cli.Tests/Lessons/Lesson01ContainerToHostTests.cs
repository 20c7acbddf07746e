using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 01's "From the container to the host" (issue 12), asserted on the lesson's one `courseware run` with the
/// outcome the prose states for the engine the tests run on (read from the live engine, never from a CI leg's name).
/// </summary>
[Collection("lessons")]
public sealed class Lesson01ContainerToHostTests
{

    private static string Ip(string text, string pattern) => Regex.Match(text, pattern).Groups[1].Value is { Length: > 0 } ip ? ip
        : throw new Xunit.Sdk.XunitException($"no match for {pattern} in:\n{text}");

    /// <summary>With the default hostPort 8080, the lesson's host services listen on 8090, 8091 and 8092.</summary>
    [DockerFact]
    public async Task Localhost_is_the_container_a_loopback_service_is_refused_and_0_0_0_0_or_the_gateway_answers_by_ip_and_by_host_gateway_name()
    {
        var lesson = await LessonRuns.DefaultAsync("exposing-ports");
        var engine = await LiveEngine.GetAsync();
        const int hostPort = 8080;
        int loopbackPort = hostPort + 10, anyPort = hostPort + 11, gatewayPort = hostPort + 12;

        var listen = Text(lesson, "host-listen-loopback");
        Assert.Contains($"GET http://localhost:{loopbackPort}/ → 200 OK", listen);
        Assert.Contains($"Listening on 127.0.0.1:{loopbackPort} in this process", listen);
        Assert.Contains("1 request(s): GET / from 127.0.0.1", listen);

        // localhost inside the container is the container: refused on every engine.
        var local = Text(lesson, "host-localhost");
        Assert.Contains($"$ docker exec caller wget -qO- http://localhost:{loopbackPort}/", local);
        Assert.Contains("can't connect to remote host (127.0.0.1): Connection refused", local);
        Assert.Contains("(exit code 1)", local);

        // The gateway: a service on 127.0.0.1 is refused there on every engine.
        var viaGateway = Text(lesson, "host-gateway-loopback");
        var gateway = Ip(viaGateway, @"the bridge gateway: (\d+\.\d+\.\d+\.\d+)");
        Assert.Contains($"default via {gateway} dev eth0", viaGateway);
        var callerIp = Ip(viaGateway, @"scope link\s+src (\d+\.\d+\.\d+\.\d+)");
        Assert.Contains($"can't connect to remote host ({gateway}): Connection refused", viaGateway);

        var any = Text(lesson, "host-gateway-any");
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

        var rootless = Text(lesson, "host-rootless");
        if (engine.IsRootless)
            Assert.Contains("can't connect to remote host (10.0.2.2): Network is unreachable", rootless);
        else
            Assert.Contains("Not a rootless engine: nothing sent.", rootless);

        var named = Text(lesson, "host-add-host");
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
}
