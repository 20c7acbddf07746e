using Courseware.Lab;

namespace Courseware.Lab.Interactive.Tests;

/// <summary>The library's records built by hand, as the engine would have filled them for lessons 01 and 02.</summary>
internal static class Samples
{
    public const string Evil = "<script>alert(1)</script>";

    public static EngineInfo Engine(bool desktop = false) =>
        new("unix:///var/run/docker.sock", "28.5.1", "1.51", "linux", desktop ? "Docker Desktop" : "Debian GNU/Linux 12 (bookworm)", "6.1.0-40-amd64", desktop);

    public static PortBindingInfo Web8080 => new(80, "tcp", "0.0.0.0", 8080, AlsoIpv6: true);

    public static Container Container(string name = "web") =>
        new("3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd", name, "exercise4",
            $"docker run -dit --name {name} -p 8080:80 exercise4", [Web8080]);

    public static PsRow Ps(string name = "web", int secondsAgo = 5) =>
        new("3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd", "exercise4", "\"/docker-entrypoint.…\"",
            DateTimeOffset.UtcNow.AddSeconds(-secondsAgo - 0.4), $"Up {secondsAgo} seconds", "running",
            [Web8080, new PortBindingInfo(443, "tcp", null, null)], name, "01-exposing-ports");

    public static PsRow PsClient() =>
        new("9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b", "busybox:stable", "\"sh\"",
            DateTimeOffset.UtcNow.AddMinutes(-3), "Up 3 minutes", "running", [], "client", "02-networking");

    public static ContainerDetails Details(string name = "web") =>
        new("3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd", name, "exercise4",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "running", true, 0,
            DateTimeOffset.Parse("2025-11-28T10:00:00Z"), true, "labnet",
            [new NetworkAttachment("labnet", "172.18.0.2", 16, "172.18.0.1", "02:42:ac:12:00:02", [name, "www"])],
            [Web8080],
            new Dictionary<string, string> { ["courseware.lesson"] = "02-networking" },
            // As docker inspect prints it (the library's RawJson): an array, four-space indents.
            "[\n    {\n        \"Id\": \"3f2a9c1b7d4e\",\n        \"Name\": \"/" + name + "\",\n        \"Config\": {\n            \"Labels\": {\n                \"note\": \"" + Evil +
            "\"\n            }\n        }\n    }\n]");

    public static ContainerDetails ClientDetails() =>
        new("9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b", "client", "busybox:stable", "sha256:aa", "running", true, 0,
            null, true, "labnet",
            [new NetworkAttachment("labnet", "172.18.0.3", 16, "172.18.0.1", "02:42:ac:12:00:03", ["client"]),
             new NetworkAttachment("bridge", "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02", [])],
            [], new Dictionary<string, string>(), "{}");

    public static NetworkDetails LabNet() =>
        new("5c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d", "labnet", "bridge", "local", false,
            ["172.18.0.0/16"], ["172.18.0.1"],
            [new NetworkMember("web", "3f2a9c1b7d4e", "172.18.0.2/16", "02:42:ac:12:00:02"),
             new NetworkMember("client", "9a8b7c6d5e4f", "172.18.0.3/16", "02:42:ac:12:00:03"),
             new NetworkMember("db", "0f0f0f0f0f0f", "172.18.0.4/16", "02:42:ac:12:00:04")],
            new Dictionary<string, string>(), """{"Name":"labnet","Driver":"bridge"}""");

    public static NetworkDetails DefaultBridge() =>
        new("1111111111112222222222223333333333334444444444445555555555556666", "bridge", "bridge", "local", false,
            ["172.17.0.0/16"], ["172.17.0.1"], [], new Dictionary<string, string>(), "{}");

    public static HttpResult Http(string body = "<html><head><title>Exercise 4</title></head><body><h1>Hello \"docker\" & co</h1></body></html>", int status = 200) =>
        new("http://127.0.0.1:8080/", status, status == 200 ? "OK" : "Not Found",
            new Dictionary<string, string> { ["Server"] = "nginx/1.27.0", ["Content-Type"] = "text/html", ["Content-Length"] = body.Length.ToString(), ["X-Other"] = "hidden" },
            body, TimeSpan.FromMilliseconds(12));

    public static BuildResult Build() =>
        new("exercise4", "sha256:4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
            ["Step 1/2 : FROM busybox:stable", " ---> 1a2b3c4d5e6f", "Step 2/2 : COPY index.html /www/", "Successfully built 4d5e6f708192", "Successfully tagged exercise4:latest"],
            TimeSpan.FromSeconds(2.34));

    public static PingResult PingFromHost() =>
        new("web", "172.18.0.2", PingPath.Host, "host", "This is a Linux engine: container IPs are routable from the host.",
            [new PingReply(1, 0.0612, 64), new PingReply(2, 0.0481, 64), new PingReply(3, 0.0523, 64), new PingReply(4, 0.0555, 64)]);

    public static PingResult PingFromClient() =>
        new("web", "172.18.0.2", PingPath.Container, "client", "Sent from container 'client' on labnet.",
            [new PingReply(0, 0.091, 64), new PingReply(1, null, null), new PingReply(2, 0.102, 64), new PingReply(3, 0.087, 64)]);

    public static ResolveResult Resolved() =>
        new("client", "web", ["172.18.0.2"], "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\tweb\nAddress: 172.18.0.2\n");

    public static ResolveResult NotResolved() =>
        new("client", "web", [], "Server:\t\t10.0.0.1\nAddress:\t10.0.0.1:53\n\n** server can't find web: NXDOMAIN\n");

    public static ExecResult Exec(long exitCode = 0) =>
        new("web", ["ip", "-4", "addr"], exitCode, "1: lo: <LOOPBACK,UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n", exitCode == 0 ? "" : "ip: can't find device 'eth9'\n");

    public static CleanupReport Cleanup() => new(["web", "client"], ["labnet"], ["exercise4"]);

    private const string HelperPrefix = "docker run --rm --network host --pid host --cap-drop ALL --cap-add SYS_ADMIN --cap-add SYS_CHROOT --cap-add SYS_PTRACE";

    private static HostCommandResult HostRun(IReadOnlyList<string> command, string stdout, string caps = " --cap-add NET_ADMIN --cap-add NET_RAW", long exitCode = 0, string stderr = "", int shownPrefix = 0) =>
        new(command, exitCode, stdout, stderr, $"{HelperPrefix}{caps} busybox:stable sh -c '…' sh {string.Join(' ', command.Skip(shownPrefix))}");

    public static HostCommandResult HostCommand() =>
        HostRun(["ss", "-ltn"], "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*\n");

    public static NatRules Nat() => new(
        [
            new NatRule("POSTROUTING", "all", "-s 172.17.0.0/16 ! -o docker0", "MASQUERADE", "", "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"),
            new NatRule("DOCKER", "all", "-i docker0", "RETURN", "", "-A DOCKER -i docker0 -j RETURN"),
            new NatRule("DOCKER", "tcp", "! -i docker0 --dport 8080", "DNAT", "172.17.0.2:80", "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"),
        ],
        HostRun(["iptables", "-t", "nat", "-S"], "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n…\n"));

    public static ListeningSockets Listening() => new("web",
        [new ListeningSocket("tcp", "127.0.0.1", 8080, "httpd (pid 4242)"), new ListeningSocket("tcp", "0.0.0.0", 80, "")],
        HostRun(["nsenter", "-t", "4242", "-n", "ss", "-ltunp"], "Netid State …\n", caps: "", shownPrefix: 4));

    public static CaptureResult Capture() => new("docker0", "tcp port 80",
        [
            new CapturedPacket("12:20:02.537093", "172.17.0.1:59812", "172.17.0.2:80", "TCP", "Flags [S], seq 2815219919, win 64240, length 0"),
            new CapturedPacket("12:20:02.537131", "172.17.0.2:80", "172.17.0.1:59812", "TCP", "Flags [S.], seq 365563630, ack 2815219920, win 65160, length 0"),
            new CapturedPacket("12:20:02.537682", "172.17.0.2:80", "172.17.0.1:59812", "TCP", "Flags [P.], seq 1:232, ack 126, win 64, length 231: HTTP: HTTP/1.1 200 OK <b>"),
        ],
        "3 packets captured\n3 packets received by filter\n0 packets dropped by kernel",
        HostRun(["timeout", "-s", "INT", "30", "tcpdump", "-n", "-l", "-Z", "root", "-c", "100", "-i", "docker0", "tcp port 80"], "…", caps: " --cap-add NET_RAW --cap-add SETUID --cap-add SETGID"));

    /// <summary>A fixed "now" for the ps table, so its CREATED column ("5 seconds ago") does not depend on the clock.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-11-28T10:00:00Z");

    public static IReadOnlyList<PsRow> PsTable() =>
    [
        Ps() with { Created = Now.AddSeconds(-5) },
        PsClient() with { Created = Now.AddMinutes(-3) },
        PsClient() with { Id = "7c7c7c7c7c7c", Names = "old", State = "exited", Status = "Exited (0) 2 hours ago", Created = Now.AddHours(-2) },
    ];

    public static CheckResult CheckPassed() =>
        new("Your turn 1: publish web on a port of your choice", true, "web answers on 127.0.0.1:8081 with the lesson's page.",
            ["web is running", "port 80/tcp is published on 8081", "GET http://127.0.0.1:8081/ → 200"]);

    public static CheckResult CheckFailed() =>
        new("Your turn 1: publish web on a port of your choice", false,
            "web publishes port 8080 to container port 8080, where nothing listens: the page is served on container port 80.", []);

    public static PredictionResult PredictionRight() =>
        new("Will `curl localhost:8080` inside the container reach the page?", "no", "no (connection refused)", true,
            "Inside a container, localhost is the container itself: the page listens on port 80 there, not 8080.", ["yes", "no"]);

    public static PredictionResult PredictionWrong() => PredictionRight() with { Predicted = "yes", Correct = false };

    public static PredictionResult PredictionNone() => PredictionRight() with { Predicted = null, Correct = null };

    public static IReadOnlyList<SwarmNode> SwarmNodes() =>
    [
        new("k3a9xq0p1m2n3b4v5c6x7z8l", "node1", "Ready", "Active", "Leader", "20.10.24", "10.250.7.2", true),
        new("r5t6y7u8i9o0p1a2s3d4f5g6", "node2", "Ready", "Active", "", "20.10.24", "10.250.7.3", false),
        new("h7j8k9l0z1x2c3v4b5n6m7q8", "node3", "Down", "Drain", "", "20.10.24", "10.250.7.4", false),
    ];

    public static IReadOnlyList<ServiceTask> ServiceTasks() =>
    [
        new("t1t1t1t1t1t1", "web.1", "node1", "Running", "Running 20 seconds ago", "", ["10.0.1.3"]),
        new("t2t2t2t2t2t2", "web.2", "node2", "Running", "Running 20 seconds ago", "", ["10.0.1.4"]),
        new("t3t3t3t3t3t3", "web.3", "node3", "Shutdown", "Rejected 5 seconds ago", "no suitable node (1 node not available for new tasks)", []),
    ];

    public static LanNeighbour Neighbour(bool available = true) => available
        ? new("lan-neighbour", "10.250.0.2", "10.250.0.1", "cw-lan0", true, "",
            ["ip link add cw-lan0 type veth peer name eth0 netns 4242", "ip addr add 10.250.0.1/30 dev cw-lan0"])
        : new("lan-neighbour", "", "", "", false, "this is a rootless engine: its bridges live in RootlessKit's namespace, not on the host", []);

    public static ReachResult Reach(bool reachable = true) => reachable
        ? new("the published port", "10.250.0.1:8080", true, "HTTP 200", "docker exec lan-neighbour wget -qO- -T 2 http://10.250.0.1:8080/")
        : new("web's own IP", "172.17.0.2:80", false, "timed out", "docker exec lan-neighbour wget -qO- -T 2 http://172.17.0.2:80/");

    public static LanExposureReport Exposure()
    {
        var engine = Engine();
        ExposureRow Row(Courseware.Lab.Exposure what, ReachResult observed) =>
            new(what, observed, LanExposure.Expected(what).Before28, LanExposure.Expected(what).From28, LanExposure.ExpectedOn(engine, what));
        return new(engine, true, "",
        [
            Row(Courseware.Lab.Exposure.PublishedOnAllInterfaces, Reach()),
            Row(Courseware.Lab.Exposure.PublishedOnLoopbackOnly, Reach(false) with { What = "the 127.0.0.1 port", Target = "10.250.0.1:8081" }),
            Row(Courseware.Lab.Exposure.ContainerIpUnpublished, Reach(false)),
        ]);
    }

    /// <summary>Lesson 04's neighbour fetching the page: its SYN and the SYN-ACK on its cable, and the same two on the bridge after the DNAT.</summary>
    public static (CaptureResult OnCable, CaptureResult OnBridge) NatCaptures()
    {
        var command = HostRun(["tcpdump"], "…", caps: " --cap-add NET_RAW");
        return (new("cw-lan4", "tcp port 8110",
            [
                new CapturedPacket("19:53:12.111874", "10.250.4.2:40280", "10.250.4.1:8110", "TCP", "Flags [S], seq 1, win 64240, length 0"),
                new CapturedPacket("19:53:12.111979", "10.250.4.1:8110", "10.250.4.2:40280", "TCP", "Flags [S.], seq 2, ack 2, win 65160, length 0"),
            ], "2 packets captured", command),
            new("docker0", "tcp port 80 and host 172.17.0.2",
            [
                new CapturedPacket("19:53:12.111921", "10.250.4.2:40280", "172.17.0.2:80", "TCP", "Flags [S], seq 1, win 64240, length 0"),
                new CapturedPacket("19:53:12.111970", "172.17.0.2:80", "10.250.4.2:40280", "TCP", "Flags [S.], seq 2, ack 2, win 65160, length 0"),
            ], "2 packets captured", command));
    }
}
