using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>
    /// Lesson 02 (container-to-host), with the outcome its prose states for the engine the tests run on (read from the
    /// live engine, never from a CI leg's name): localhost is the container, a service on 127.0.0.1 is refused at the
    /// gateway, one on 0.0.0.0 answers there with the caller's own address (not on a rootless engine), a Linux engine
    /// adds no name for the host, and the exercises' checks show what --add-host host-gateway and --network host reach.
    /// </summary>
    public static async Task ContainerToHostAsync(ExecutedNotebook lesson)
    {
        var engine = await LiveEngine.GetAsync();

        var listen = Text(lesson, "host-listen-loopback");
        Assert.Contains("GET http://localhost:8090/ → 200 OK", listen);
        Assert.Contains("Listening on 127.0.0.1:8090 in this process", listen);
        Assert.Contains("1 request(s): GET / from 127.0.0.1", listen);

        // localhost inside the container is the container: refused on every engine.
        Assert.Contains("$ docker exec host-caller wget -qO- http://localhost:8090/\nwget: can't connect to remote host (127.0.0.1): Connection refused\n(exit code 1)",
            Text(lesson, "host-localhost"));
        Assert.Contains("The engine's answer: container.", Text(lesson, "reveal-localhost"));

        // The gateway: a service on 127.0.0.1 is refused there on every engine.
        var route = Text(lesson, "host-gateway-route");
        var gateway = FirstGroup(route, @"the bridge gateway: (\d+\.\d+\.\d+\.\d+)");
        Assert.Contains($"default via {gateway} dev eth0", route);
        var callerIp = FirstGroup(route, @"scope link\s+src (\d+\.\d+\.\d+\.\d+)");
        Assert.Contains($"wget: can't connect to remote host ({gateway}): Connection refused", Text(lesson, "host-gateway-loopback"));
        Assert.Contains("The engine's answer: no.", Text(lesson, "reveal-gateway-loopback"));

        var any = Text(lesson, "host-gateway-any");
        if (engine.IsRootless)
        {
            // The gateway is rootlesskit's, inside its namespace: nothing of the host listens there.
            Assert.Contains($"wget: can't connect to remote host ({gateway}): Connection refused", any);
            Assert.Contains("Listening on 0.0.0.0:8091 in this process (python3 -m http.server 8091 --bind 0.0.0.0); 0 request(s)", any);
        }
        else
        {
            // No address translation towards the host: it sees the container's own address.
            Assert.Contains($"Hello from the host: a service listening on 0.0.0.0:8091 answered {callerIp}\n(exit code 0)", any);
            Assert.Contains($"1 request(s): GET / from {callerIp}", any);
        }

        Assert.DoesNotContain("host.docker.internal", Text(lesson, "host-name-missing"));
        Assert.Contains("The engine's answer: no.", Text(lesson, "reveal-name"));

        var rootless = Text(lesson, "host-rootless");
        Assert.Contains(engine.IsRootless ? "can't connect to remote host (10.0.2.2): Network is unreachable" : "Not a rootless engine: nothing sent.", rootless);

        // Your turn 1: host-gateway is the bridge gateway; as root it reaches the 0.0.0.0 service, rootless it is refused.
        var named = Text(lesson, "yourturn-1-check");
        Assert.Contains("✓ Your turn 1: named-client calls your machine by name: host.docker.internal → host-gateway; port 8093 listens on 0.0.0.0", named);
        if (engine.IsRootless) Assert.Contains($"so the flag is what is judged; the call: wget: can't connect to remote host ({gateway}): Connection refused", named);
        else Assert.Matches(@"wget in named-client → Hello from the host: a service listening on 0\.0\.0\.0:8093 answered \d+\.\d+\.\d+\.\d+", named);

        Assert.Matches(@"✓ Your turn 2: localhost in page-sidecar is page-web: page-sidecar runs in page-web's network stack; wget http://localhost/hostname in page-sidecar → [0-9a-f]{12}, page-web's hostname", Text(lesson, "yourturn-2-check"));

        // Your turn 3: --network host is this machine's stack as root; rootless, rootlesskit's, whose loopback is not the host's.
        var hostNet = Text(lesson, "yourturn-3-check");
        Assert.Contains("✓ Your turn 3: loop-client reaches the loopback-only service: loop-client runs in the host's network stack", hostNet);
        if (engine.IsRootless) Assert.Contains("so the flag is what is judged; the call: wget: can't connect to remote host (127.0.0.1): Connection refused", hostNet);
        else Assert.Contains("wget in loop-client → Hello from the host: a service listening on 127.0.0.1:8090 answered 127.0.0.1", hostNet);

        Assert.Contains("Removed 1 container(s), 0 network(s), 0 image(s).", Text(lesson, "clean"));
    }
}
