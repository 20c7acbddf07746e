using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Every public verb of the library, called after the engine went away (the socket this test forwards is closed), says
/// so: the typed <see cref="EngineUnreachableException"/> with its fix, never a raw HttpRequestException or
/// DockerApiException; a check cell shows ✗ with the engine's problem and fix, not the exercise's hint. Verbs that never
/// touch the engine are listed as exempt with the reason; a verb in neither list fails the reflection test, so a verb
/// added later is covered or explained.
/// </summary>
public sealed class EveryVerbEngineLostTests
{
    /// <summary>What the verbs are handed: objects an earlier cell would have made, none of them on the engine.</summary>
    private sealed record Earlier(DockerLab Lab, Container Web, ContainerDetails WebDetails, LanNeighbour Neighbour, LabCluster Cluster, string BuildDirectory);

    private static readonly Dictionary<string, Func<Earlier, Task>> Verbs = new()
    {
        ["DockerLab.BuildAsync(String, String, Action`1, String, Boolean, CancellationToken)"] = e => e.Lab.BuildAsync("cw-gone", e.BuildDirectory),
        ["DockerLab.ExecAsync(String, String[])"] = e => e.Lab.ExecAsync("web", "true"),
        ["DockerLab.ExecAsync(String, IReadOnlyList`1, CancellationToken)"] = e => e.Lab.ExecAsync("web", ["true"], CancellationToken.None),
        ["DockerLab.InspectAsync(String, CancellationToken, String)"] = e => e.Lab.InspectAsync("web"),
        ["DockerLab.PortAsync(String, Nullable`1, String, CancellationToken)"] = e => e.Lab.PortAsync("web", 80),
        ["DockerLab.PsAsync(Boolean, Boolean, CancellationToken)"] = e => e.Lab.PsAsync(all: true),
        ["DockerLab.RunAsync(String, String, IEnumerable`1, Boolean, String, IEnumerable`1, IEnumerable`1, Boolean, IReadOnlyDictionary`2, String, IEnumerable`1, CancellationToken)"] =
            e => e.Lab.RunAsync(LabImages.Base, name: "web", command: ["sleep", "60"]),
        ["DockerLab.RunAsync(String, RunOptions, CancellationToken)"] = e => e.Lab.RunAsync(LabImages.Base, new RunOptions { Name = "web", Command = ["sleep", "60"] }),
        ["DockerLab.RmAsync(String, CancellationToken)"] = e => e.Lab.RmAsync("web"),
        ["DockerLab.StopAsync(String, Int32, CancellationToken)"] = e => e.Lab.StopAsync("web"),
        ["DockerLab.LogsAsync(String, Int32, CancellationToken)"] = e => e.Lab.LogsAsync("web"),
        ["DockerLab.WaitForHttpAsync(Container, Int32, String, Nullable`1, CancellationToken, String)"] = e => e.Lab.WaitForHttpAsync(e.Web, timeout: TimeSpan.FromSeconds(20)),
        ["DockerLab.ImageExistsAsync(String, CancellationToken)"] = e => e.Lab.ImageExistsAsync(LabImages.Base),
        ["DockerLab.EnsureImageAsync(String, CancellationToken)"] = e => e.Lab.EnsureImageAsync(LabImages.Base),
        ["DockerLab.AddLanNeighbourAsync(String, String, String, CancellationToken)"] = e => e.Lab.AddLanNeighbourAsync(),
        ["DockerLab.TryFromNeighbourAsync(LanNeighbour, String, String, Int32, CancellationToken, String)"] = e => e.Lab.TryFromNeighbourAsync(e.Neighbour, "the host", "10.250.0.1", 8080),
        ["DockerLab.BlockIncomingFromAsync(LanNeighbour, CancellationToken, String)"] = e => e.Lab.BlockIncomingFromAsync(e.Neighbour),
        ["DockerLab.LimitPublishedPortAsync(Int32, LanNeighbour, CancellationToken, String)"] = e => e.Lab.LimitPublishedPortAsync(8080, e.Neighbour),
        ["DockerLab.DropForwardedAsync(String, Int32, LanNeighbour, CancellationToken)"] = e => e.Lab.DropForwardedAsync("web", 80),
        ["DockerLab.RequestSourcesAsync(String, CancellationToken)"] = e => e.Lab.RequestSourcesAsync("web"),
        ["DockerLab.PingAsync(String, Int32, String, CancellationToken, String)"] = e => e.Lab.PingAsync("web", count: 1),
        ["DockerLab.PingAsync(String, String, Int32, CancellationToken, String, String)"] = e => e.Lab.PingAsync(from: "client", to: "web", count: 1),
        ["DockerLab.CleanAsync(Boolean, CancellationToken)"] = e => e.Lab.CleanAsync(),
        ["NetworkCommands.CreateAsync(String, String, Boolean, String, Boolean, CancellationToken)"] = e => e.Lab.Network.CreateAsync("labnet"),
        ["NetworkCommands.ConnectAsync(String, String, IEnumerable`1, CancellationToken)"] = e => e.Lab.Network.ConnectAsync("labnet", "web"),
        ["NetworkCommands.DisconnectAsync(String, String, CancellationToken)"] = e => e.Lab.Network.DisconnectAsync("labnet", "web"),
        ["NetworkCommands.InspectAsync(String, CancellationToken)"] = e => e.Lab.Network.InspectAsync("labnet"),
        ["NetworkCommands.LsAsync(Boolean, CancellationToken)"] = e => e.Lab.Network.LsAsync(),
        ["NetworkCommands.RmAsync(String, CancellationToken)"] = e => e.Lab.Network.RmAsync("labnet"),
        ["NetworkCommands.ResolveAsync(String, String, CancellationToken)"] = e => e.Lab.Network.ResolveAsync("client", "web"),
        ["NetworkCommands.ResolveAsync(String, String, Int32, Nullable`1, CancellationToken)"] = e => e.Lab.Network.ResolveAsync("client", "tasks.web", addresses: 3),
        ["VolumeCommands.CreateAsync(String, CancellationToken)"] = e => e.Lab.Volume.CreateAsync("data"),
        ["VolumeCommands.RmAsync(String, CancellationToken)"] = e => e.Lab.Volume.RmAsync("data"),
        ["VolumeCommands.LsAsync(CancellationToken)"] = e => e.Lab.Volume.LsAsync(),
        ["SwarmCommands.InitAsync(String, CancellationToken)"] = e => e.Lab.Swarm.InitAsync("10.0.0.1"),
        ["SwarmCommands.JoinTokenAsync(String, CancellationToken)"] = e => e.Lab.Swarm.JoinTokenAsync(),
        ["SwarmCommands.JoinAsync(String, String, CancellationToken)"] = e => e.Lab.Swarm.JoinAsync("10.0.0.1:2377", "SWMTKN-1-x"),
        ["SwarmCommands.LeaveAsync(Boolean, CancellationToken)"] = e => e.Lab.Swarm.LeaveAsync(),
        ["SwarmCommands.StateAsync(CancellationToken)"] = e => e.Lab.Swarm.StateAsync(),
        ["SwarmCommands.NodesAsync(CancellationToken)"] = e => e.Lab.Swarm.NodesAsync(),
        ["SwarmCommands.UpdateNodeAsync(String, String, CancellationToken)"] = e => e.Lab.Swarm.UpdateNodeAsync("node3", "drain"),
        ["ServiceCommands.CreateAsync(String, String, ServiceOptions, CancellationToken)"] = e => e.Lab.Service.CreateAsync("web", LabImages.Base),
        ["ServiceCommands.ScaleAsync(String, Int32, CancellationToken)"] = e => e.Lab.Service.ScaleAsync("web", 2),
        ["ServiceCommands.UpdateAsync(String, ServiceUpdate, CancellationToken)"] = e => e.Lab.Service.UpdateAsync("web", new ServiceUpdate { ConstraintAdd = ["node.role==worker"] }),
        ["ServiceCommands.DetailsAsync(String, CancellationToken)"] = e => e.Lab.Service.DetailsAsync("web"),
        ["ServiceCommands.PsAsync(String, CancellationToken)"] = e => e.Lab.Service.PsAsync("web"),
        ["ServiceCommands.RmAsync(String, CancellationToken)"] = e => e.Lab.Service.RmAsync("web"),
        ["ServiceCommands.LsAsync(CancellationToken)"] = e => e.Lab.Service.LsAsync(),
        ["ClusterCommands.CreateAsync(Int32, String, Action`1, CancellationToken)"] = e => e.Lab.Cluster.CreateAsync(nodes: 1),
        ["LabCluster.LoadImagesAsync(IReadOnlyList`1, CancellationToken)"] = e => e.Cluster.LoadImagesAsync([LabImages.Base], CancellationToken.None),
        ["LabCluster.LoadImagesAsync(String[])"] = e => e.Cluster.LoadImagesAsync(LabImages.Base),
        ["LabCluster.CheckIpvsAsync(CancellationToken)"] = e => e.Cluster.CheckIpvsAsync(),
        ["LabCluster.RmAsync(CancellationToken)"] = e => e.Cluster.RmAsync(),
        ["HostCommands.RunAsync(String[])"] = e => e.Lab.Host.RunAsync("ip", "-o", "link"),
        ["HostCommands.RunAsync(IReadOnlyList`1, CancellationToken)"] = e => e.Lab.Host.RunAsync(["ip", "-o", "link"], CancellationToken.None),
        ["HostCommands.NsenterAsync(String, String[])"] = e => e.Lab.Host.NsenterAsync("web", "ss", "-ltn"),
        ["HostCommands.NsenterAsync(String, IReadOnlyList`1, CancellationToken)"] = e => e.Lab.Host.NsenterAsync("web", ["ss", "-ltn"], CancellationToken.None),
        ["HostCommands.ListeningAsync(String, CancellationToken)"] = e => e.Lab.Host.ListeningAsync("web"),
        ["HostCommands.NatRulesAsync(CancellationToken)"] = e => e.Lab.Host.NatRulesAsync(),
        ["HostCommands.RulesAsync(String, String, CancellationToken)"] = e => e.Lab.Host.RulesAsync("DOCKER-USER"),
        // A rule for a documentation address (RFC 5737): nothing of anyone's, were it ever deleted.
        ["HostCommands.DeleteRuleAsync(NatRule, String, CancellationToken)"] = e => e.Lab.Host.DeleteRuleAsync(new NatRule("DOCKER-USER", "all", "-d 192.0.2.45/32", "DROP", "", "-A DOCKER-USER -d 192.0.2.45/32 -j DROP")),
        ["HostCommands.CaptureAsync(String, String, Func`1, Int32, Int32, CancellationToken)"] = e => e.Lab.Host.CaptureAsync("docker0", "tcp port 80", () => Task.CompletedTask),
    };

    /// <summary>The verbs of a check cell: inside <see cref="DockerLab.CheckAsync"/> they make ✗ with the engine's problem and fix.</summary>
    private static readonly Dictionary<string, Func<Check, Earlier, Task>> CheckVerbs = new()
    {
        ["Check.ContainerAsync(String, String, CancellationToken)"] = (c, _) => c.ContainerAsync("loopback-web"),
        ["Check.NetworkAsync(String, String, CancellationToken)"] = (c, _) => c.NetworkAsync("db-only"),
        ["Check.ServesAsync(ContainerDetails, String, Int32, CancellationToken, String)"] = (c, e) => c.ServesAsync(e.WebDetails, "the exercise's hint"),
    };

    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["DockerLab.ConnectAsync(String, LabOptions, CancellationToken)"] = "connecting to an engine that does not answer is EngineUnreachableTests' subject, cause by cause",
        ["DockerLab.CleanAllAsync(Boolean, CancellationToken)"] = "connects itself (ConnectAsync) to the engine the CLI would use: `courseware clean` with no engine is DoctorAndCleanTests' subject",
        ["DockerLab.CleanThisProcessAsync(Boolean, CancellationToken)"] = "connects itself (ConnectAsync), as CleanAllAsync",
        ["DockerLab.CheckAsync(String, Func`2, CancellationToken)"] = "runs a check cell's body: covered by the check verbs' table, each inside CheckAsync",
        ["DockerLab.ListenOnHost(String, Int32)"] = "a TCP listener in this process; no engine",
        ["DockerLab.HttpGetAsync(String, CancellationToken)"] = "an HTTP GET from this process to a URL; no engine",
        ["DockerLab.HttpGetAsync(Container, Int32, String, CancellationToken, String)"] = "GETs the host port the Container already holds; no engine",
        ["DockerLab.UrlOf(Container, Int32, String, String)"] = "reads the host port the Container already holds; no engine",
        ["DockerLab.CanSendIcmp(String&)"] = "asks this host's kernel for an ICMP socket; no engine",
        ["DockerLab.Dispose()"] = "closes the client and this process's listeners; no engine call",
        ["DockerLab.DisposeAsync()"] = "as Dispose",
        ["DockerLab.ToString()"] = "text from what the lab already holds",
        ["LabCluster.ToString()"] = "text from what the cluster already holds",
        ["Check.Verified(String)"] = "records a fact in memory",
        ["Check.That(Boolean, String)"] = "compares a value the check already has",
        ["Check.Fail(String)"] = "ends the check with a hint; no engine",
        ["Check.HostListeningAddresses(Int32)"] = "reads this machine's own listening sockets (what ss -ltn lists), not the engine",
    };

    private static readonly Type[] Groups =
        [typeof(DockerLab), typeof(NetworkCommands), typeof(VolumeCommands), typeof(SwarmCommands), typeof(ServiceCommands), typeof(ClusterCommands), typeof(LabCluster), typeof(HostCommands), typeof(Check)];

    private static string Key(MethodInfo m) => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    private static IReadOnlyList<string> PublicVerbs() =>
        Groups.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName).Select(Key).ToList();

    [Fact]
    public void Every_public_verb_is_tested_with_the_engine_gone_or_exempt_with_its_reason()
    {
        var verbs = PublicVerbs();
        var listed = Verbs.Keys.Concat(CheckVerbs.Keys).Concat(Exempt.Keys).ToList();
        Assert.Empty(verbs.Except(listed));   // a new verb: add it to Verbs (or CheckVerbs), or to Exempt with the reason
        Assert.Empty(listed.Except(verbs));   // a renamed or removed verb: the table must follow
        Assert.Equal(listed.Count, listed.Distinct().Count());
        // The command groups a lab offers are all here.
        Assert.Empty(typeof(DockerLab).GetProperties().Select(p => p.PropertyType).Where(t => t.Name.EndsWith("Commands", StringComparison.Ordinal)).Except(Groups));
    }

    [DockerFact]
    public async Task Every_verb_called_with_the_engine_gone_throws_the_typed_error_with_its_fix_and_checks_show_it()
    {
        var engineSocket = EngineSocket.UnixPath ?? EngineSocket.DefaultPath;
        var path = Path.Combine(Path.GetTempPath(), $"cw-every-{Guid.NewGuid():N}.sock");
        DockerLab lab;
        NetworkDetails bridge;
        using (SocketForwarder.Start(path, engineSocket))
        {
            lab = await DockerLab.ConnectAsync("test-every-verb-lost", new LabOptions { Endpoint = "unix://" + path, RemoveLeftovers = false });
            bridge = await lab.Network.InspectAsync("bridge");
        } // the engine's socket is gone
        await using var _ = lab;

        // A host port where nothing listens, so the readiness waits poll and then ask the engine about the container.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        PortBindingInfo[] ports = [new(80, "tcp", "127.0.0.1", closedPort)];
        var buildDirectory = Directory.CreateTempSubdirectory("cw-every-build-").FullName;
        File.WriteAllText(Path.Combine(buildDirectory, "Dockerfile"), "FROM busybox:stable\n");
        var earlier = new Earlier(
            lab,
            new Container("0123456789ab", "web", LabImages.Base, $"docker run -d -p 80 {LabImages.Base}", ports),
            new ContainerDetails("0123456789ab", "web", LabImages.Base, "sha256:0", "running", true, 0, DateTimeOffset.UtcNow, false, "bridge", [], ports, new Dictionary<string, string>(), "{}"),
            new LanNeighbour("lan-neighbour", "10.250.0.2", "10.250.0.1", DockerLab.LanInterface, true, "", []),
            new LabCluster(lab.Session, lab, [new ClusterNode("node1", "0123456789ab", "10.0.0.2", lab)], bridge, new NodeImage("courseware-node:test", "test", false)),
            buildDirectory);

        var wrong = new List<string>();
        try
        {
            foreach (var (verb, call) in Verbs)
            {
                // Where this engine cannot host a neighbour or a cluster, those verbs say so without asking it.
                if (verb.StartsWith("DockerLab.AddLanNeighbourAsync", StringComparison.Ordinal) && !lab.Engine.HostCanReachContainerIps) continue;
                if (verb.StartsWith("ClusterCommands.CreateAsync", StringComparison.Ordinal) && lab.Cluster.WhyNotSupported is not null) continue;
                try
                {
                    await call(earlier);
                    wrong.Add($"{verb}: returned");
                }
                catch (EngineUnreachableException e) when (e.Problem.StartsWith("The engine answered earlier in this session but no longer does", StringComparison.Ordinal)
                                                          && e.Fix.Contains("re-run the cells from the one that starts your containers", StringComparison.Ordinal))
                {
                }
                catch (Exception e)
                {
                    wrong.Add($"{verb}: {e.GetType().Name}: {e.Message}");
                }
            }
            foreach (var (verb, body) in CheckVerbs)
            {
                var result = await lab.CheckAsync(verb, check => body(check, earlier));
                if (result.Passed || !result.Message.StartsWith("The engine answered earlier in this session but no longer does", StringComparison.Ordinal)
                    || !result.Message.Contains("re-run the cells from the one that starts your containers", StringComparison.Ordinal))
                    wrong.Add($"{verb} in a check: {(result.Passed ? "✓" : "✗")} {result.Message}");
            }
        }
        finally
        {
            Directory.Delete(buildDirectory, recursive: true);
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
