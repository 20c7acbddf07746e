using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;
using Courseware.Cli.Notebooks;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Issue 9 on the real lessons: the teacher versions pass every check; their student versions (courseware student) fail
/// every check with the hint meant for an untouched exercise; each plausible mistake gets its own hint; and the
/// official kernel shows the same verdicts (OfficialKernelLessonTests, on the same session of attempts).
/// Variants are written to a folder beside notebooks/, as student/ would be, so they load the library the same way.
/// </summary>
[Collection("lessons")]
public sealed class LessonExerciseTests
{
    /// <summary>
    /// Per lesson (by its metadata.courseware.id): the hint of each check when its exercise is untouched, and the
    /// scripted mistakes (by exercise cell id: the text of the solution replaced, what replaces it, the hint it gets;
    /// an exercise may have several, tried one after another in the order given).
    /// </summary>
    internal static readonly Dictionary<string, (string[] Untouched, (string Cell, string Solution, string Mistake, string Hint)[] Mistakes)> Lessons = new()
    {
        ["exposing-ports"] = (
            ["There is no container either-way yet", "Nothing serves the page on http://localhost:8085/ (trio-b)", "There is no container fixed-app yet"],
            [
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [$\"{hostPort + 9}:80\"]", "Only host port 8089 leads to port 80"),
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [$\"{hostPort + 9}:80\"], publishAll: true", "-P publishes only the EXPOSEd ports that no -p names"),
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [$\"{hostPort + 9}:80\", \"40000:80\"]", "You chose host port 40000 yourself"),
                ("yourturn-1", "publish: [$\"{hostPort + 9}:80\", \"80\"]", "publish: [\"80\"]", "No door on host port 8089"),
                ("yourturn-2", "publish: [$\"{hostPort + 5}:80\"]", "publish: [$\"{hostPort + 5}:8080\"]", "trio-b: host port 8085 leads to container port 8080, where nothing listens"),
                ("yourturn-2", "await docker.RunAsync(\"exercise4\", name: \"trio-b\", publish: [$\"{hostPort + 5}:80\"])",
                    "await docker.RunAsync(\"exercise4\", name: \"trio-c\", publish: [$\"{hostPort + 6}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"8080\", \"-h\", \"/var/www\"])",
                    "trio-c worked as the setup cell started it (-p 8086:8080"),
                ("yourturn-3", "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\"",
                    "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"127.0.0.1:80\"", "httpd in fixed-app listens on 127.0.0.1:80, the container's own loopback"),
                ("yourturn-3", "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\"",
                    "publish: [$\"127.0.0.1:{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"127.0.0.1:80\"", "-p 127.0.0.1:… changes who may connect to the host port, not where the app listens"),
                ("yourturn-3", "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\"",
                    "publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"8087\"", "-p sends host port 8087 to container port 80, but httpd listens on 8087"),
            ]),
        ["container-to-host"] = (
            ["There is no container named-client yet", "There is no container page-sidecar yet", "There is no container loop-client yet"],
            [
                ("yourturn-1", "docker.ListenOnHost(\"0.0.0.0\", 8093);", "docker.ListenOnHost(\"127.0.0.1\", 8093);", "The service on port 8093 listens on 127.0.0.1 only"),
                ("yourturn-2", "Network = \"container:page-web\"", "Network = \"host\"", "page-sidecar shares your machine's network stack: its localhost is your machine"),
                ("yourturn-3", "Network = \"host\"", "AddHosts = [\"host.docker.internal:host-gateway\"]", "host.docker.internal leads loop-client to the bridge gateway"),
            ]),
        ["who-can-reach-your-ports"] = (
            ["There is no container reach-two-doors yet", "There is no container reach-any-port yet", "There is no container reach-host-only yet"],
            [
                ("yourturn-1", "publish: [\"8104:80\", \"127.0.0.1:8105:80\"]", "publish: [\"8104:80\", \"8105:80\"]", "Host port 8105 listens on every interface"),
                ("yourturn-1", "publish: [\"8104:80\", \"127.0.0.1:8105:80\"]", "publish: [\"127.0.0.1:8104:80\", \"8105:80\"]", "The doors are swapped"),
                ("yourturn-1", "publish: [\"8104:80\", \"127.0.0.1:8105:80\"]", "publish: [\"8104:80\", \"127.0.0.1:8105:8105\"]", "Container port 8105 is published, but httpd listens on 80"),
                ("yourturn-1", "publish: [\"8104:80\", \"127.0.0.1:8105:80\"]", "publish: [\"8104:80\"]", "It publishes host port(s) 8104: the goal needs 8104 and 8105"),
                ("yourturn-2", "publish: [\"127.0.0.1::80\"]", "publish: [\"127.0.0.1:8108:80\"]", "You chose host port 8108: leave the host port out"),
                ("yourturn-3", "\"127.0.0.1:8107\"", "$\"{gateway}:8107\"", "It listens on 172.17.0.1, an address of your host that a LAN machine can route to"),
                ("yourturn-3", "\"127.0.0.1:8107\"", "\"8107\"", "It listens on every address of the host"),
                ("yourturn-3", "network: \"host\", command: [\"httpd\", \"-f\", \"-p\", \"127.0.0.1:8107\", \"-h\", \"/var/www\"]", "publish: [\"127.0.0.1:8107:80\"]",
                    "with an address of its own: the goal is a program of the host itself"),
            ]),
        ["under-the-hood"] = (
            ["httpd in tuh-one listens on 127.0.0.1:80, the container's own loopback", "Host port 8115 leads to tuh-two's port 80, where nothing listens (httpd listens on 8080)", "forwarded packets to tuh-three are dropped"],
            [
                ("yourturn-1", "publish: [\"8114:80\"])", "publish: [\"127.0.0.1:8114:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"127.0.0.1:80\", \"-h\", \"/var/www\"])",
                    "-p 127.0.0.1:… changes who may connect to host port 8114, not where the app listens"),
                ("yourturn-1", "publish: [\"8114:80\"])", "publish: [\"8114:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"8114\", \"-h\", \"/var/www\"])",
                    "-p sends host port 8114 to container port 80, but httpd listens on 8114"),
                ("yourturn-2", "publish: [\"8115:8080\"])", "publishAll: true)", "not 8115: Docker chooses a host port only when -p does not name one"),
                // Moving the door instead of removing what drops its traffic.
                ("yourturn-3", "foreach (var rule in drops) await docker.Host.DeleteRuleAsync(rule);", "await docker.RmAsync(\"tuh-three\"); await docker.RunAsync(\"exercise4\", name: \"tuh-three\", publish: [\"8117:80\"]);",
                    "tuh-three now publishes 8117, not 8116: moving the door does not help"),
            ]),
        ["container-to-container"] = (
            ["c2c-client and web-default share no network yet", "There is no container shop-db yet", "pair-red and pair-blue share no network yet"],
            [
                ("yourturn-1", "await docker.Network.ConnectAsync(\"c2c-net\", \"web-default\");", "await docker.Network.ConnectAsync(\"bridge\", \"c2c-client\");", "c2c-client and web-default now share the default bridge, but the default bridge has no names"),
                ("yourturn-2", "await docker.Network.CreateAsync(\"shop-private\", @internal: true);", "await docker.Network.CreateAsync(\"shop-private\");", "shop-private has a way out"),
                ("yourturn-2", "await docker.RunAsync(\"busybox:stable\", name: \"shop-web\", network: \"c2c-net\", command: [\"sleep\", \"3600\"], interactive: false);\nawait docker.Network.ConnectAsync(\"shop-private\", \"shop-web\");",
                    "await docker.RunAsync(\"busybox:stable\", name: \"shop-web\", network: \"shop-private\", command: [\"sleep\", \"3600\"], interactive: false);", "shop-web has no way out either"),
                ("yourturn-2", "await docker.Network.ConnectAsync(\"shop-private\", \"shop-web\");", "await docker.Network.ConnectAsync(\"shop-private\", \"shop-web\"); await docker.Network.ConnectAsync(\"c2c-net\", \"shop-db\");",
                    "shop-db is also on c2c-net: that network is a way out"),
                ("yourturn-2", "await docker.Network.ConnectAsync(\"shop-private\", \"shop-web\");", "", "shop-web does not find shop-db by name: they must share a network"),
                ("yourturn-3", "await docker.Network.DisconnectAsync(\"pair-a\", \"pair-green\");", "", "pair-green still shares pair-a with pair-red: docker network disconnect pair-green from it."),
            ]),
        ["names-and-dns"] = (
            ["shop still leads to dns-blue only", "There is no container dns-quiet yet", "dns-web is not on dns-staging yet"],
            [
                ("yourturn-1", "await docker.Network.DisconnectAsync(\"dnsnet\", \"dns-blue\"); await docker.Network.ConnectAsync(\"dnsnet\", \"dns-blue\");", "", "shop leads to dns-blue and dns-green: a round robin over both"),
                ("yourturn-2", "Dns = [\"127.0.0.1\"]", "Dns = [\"127.0.0.11\"]", "You gave dns-quiet 127.0.0.11, the embedded DNS itself"),
                ("yourturn-2", "Dns = [\"127.0.0.1\"], ", "", "dns-quiet has no DNS server of its own"),
                ("yourturn-2", "Network = \"dnsnet\", ", "", "dns-quiet is on bridge, not on dnsnet"),
                ("yourturn-3", "await docker.Network.ConnectAsync(\"dns-staging\", \"dns-web\", aliases: [\"site\"]);", "await docker.Network.ConnectAsync(\"dns-staging\", \"dns-web\");", "there it answers only to its own name"),
            ]),
        ["multi-host-networking"] = (
            ["hello is set to 3 replica(s), not 4", "There is no container gamma on node3 yet", "node3 is still Active"],
            [
                // Several per exercise: they run in this order in one session, each on the state the one before left.
                ("yourturn-1", "new ServiceUpdate { Replicas = 4, ConstraintAdd = [\"node.role==worker\"] }", "new ServiceUpdate { Replicas = 4 }", "hello has no placement rule keeping it off managers"),
                ("yourturn-1", "ConstraintAdd = [\"node.role==worker\"]", "ConstraintAdd = [\"node.hostname!=node1\"]", "hello avoids a node by its name (node.hostname!=node1)"),
                // A plain bridge on node3 (named apart from the overlay the next attempts make, so that no name is ambiguous there).
                ("yourturn-2", "await manager.Network.CreateAsync(\"backnet\", driver: \"overlay\", attachable: true);\n// docker -H tcp://NODE1:2375 service update --network-add backnet hello\nawait manager.Service.UpdateAsync(\"hello\", new ServiceUpdate { NetworkAdd = [\"backnet\"] });\n// docker -H tcp://NODE3:2375 run -d --name gamma --network backnet busybox:stable sleep 3600\nawait node3.RunAsync(\"busybox:stable\", new RunOptions { Name = \"gamma\", Network = \"backnet\", Command = [\"sleep\", \"3600\"] })",
                    "await node3.Network.CreateAsync(\"gamma-net\");\nawait node3.RunAsync(\"busybox:stable\", new RunOptions { Name = \"gamma\", Network = \"gamma-net\", Command = [\"sleep\", \"3600\"] })",
                    "gamma's network (gamma-net) exists on node3 alone"),
                ("yourturn-2", "await manager.Service.UpdateAsync(\"hello\", new ServiceUpdate { NetworkAdd = [\"backnet\"] });", "", "None of hello's tasks is on gamma's network (backnet)"),
                ("yourturn-2", "Name = \"gamma\", Network = \"backnet\"", "Name = \"gamma\", Network = \"crossnet\"", "it shares a network with alpha (crossnet)"),
                ("yourturn-3", "await manager.Swarm.UpdateNodeAsync(\"node3\", \"drain\")", "await manager.Service.UpdateAsync(\"hello\", new ServiceUpdate { ConstraintAdd = [\"node.hostname!=node3\"] })", "hello avoid(s) node3 by a placement constraint"),
                ("yourturn-3", "\"drain\")", "\"pause\")", "node3 is paused"),
            ]),
    };

    /// <summary>
    /// Per lesson, one exercise solved in a terminal with the docker CLI instead of in C# (the checks judge the engine,
    /// not the code): tried in the session of attempts, its check must pass, and the lesson's clean-up must remove its
    /// unlabelled resources by name.
    /// </summary>
    internal static readonly Dictionary<string, TerminalSolution> SolvedInATerminal = new()
    {
        ["container-to-host"] = new("yourturn-1",
            "await docker.RunAsync(\"busybox:stable\", name: \"named-client\", addHosts: [\"host.docker.internal:host-gateway\"], command: [\"sleep\", \"3600\"])",
            "docker run -d --name named-client --add-host host.docker.internal:host-gateway busybox:stable sleep 3600", "named-client"),
        ["exposing-ports"] = new("yourturn-3",
            "await docker.RunAsync(\"exercise4\", name: \"fixed-app\", publish: [$\"{hostPort + 7}:80\"], command: [\"httpd\", \"-f\", \"-v\", \"-p\", \"0.0.0.0:80\", \"-h\", \"/var/www\"])",
            "docker run -d -p {hostPort + 7}:80 --name fixed-app exercise4 httpd -f -v -p 80 -h /var/www", "fixed-app"),
        // The nodes live only while the lesson's session runs, so the terminal reaches node1 at its LAN address.
        ["multi-host-networking"] = new("yourturn-1",
            "await manager.Service.UpdateAsync(\"hello\", new ServiceUpdate { Replicas = 4, ConstraintAdd = [\"node.role==worker\"] })",
            "docker -H tcp://{node1.LanAddress}:2375 service update --replicas 4 --constraint-add node.role==worker hello"),
        ["container-to-container"] = new("yourturn-2", "",
            "docker network create --internal shop-private && docker run -d --name shop-db --network shop-private busybox:stable sleep 3600 && " +
            "docker run -d --name shop-web --network c2c-net busybox:stable sleep 3600 && docker network connect shop-private shop-web",
            "shop-db", "shop-web", "shop-private"),
        ["names-and-dns"] = new("yourturn-3", "", "docker network connect --alias site dns-staging dns-web"),
        ["under-the-hood"] = new("yourturn-1", "", "docker rm -f tuh-one && docker run -d -p 8114:80 --name tuh-one exercise4", "tuh-one"),
        ["who-can-reach-your-ports"] = new("yourturn-2", "", "docker run -d -p 127.0.0.1::80 --name reach-any-port exercise4", "reach-any-port"),
    };

    public static IEnumerable<object[]> Names() => Lessons.Keys.Select(k => new object[] { k });

    [Fact]
    public void Every_lesson_has_its_exercises_hints_mistakes_and_a_terminal_solution_listed()
    {
        var lessons = LessonNotebook.All().Select(a => (string)a[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(lessons, Lessons.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(lessons, SolvedInATerminal.Keys.Order(StringComparer.Ordinal));
        // At least one plausible wrong answer per exercise.
        foreach (var (id, (_, mistakes)) in Lessons)
        {
            var exercises = LessonNotebook.Load(id).CodeCells.Where(c => SolutionRegions.HasRegion(ExecutedNotebook.Source(c))).Select(ExecutedNotebook.Id).ToList();
            Assert.All(exercises, e => Assert.True(mistakes.Any(m => m.Cell == e), $"{id}: exercise {e} has no scripted mistake"));
        }
    }

    /// <summary>
    /// The lessons whose exercises this engine can judge. Lesson 07 needs a rootful engine to host its nodes; on a
    /// rootless one it stops at the cluster cell and says why (exit 3, its checks not applicable), which
    /// Lesson03MultiHostTests asserts on that engine, so it is not among these cases there.
    /// </summary>
    public static IEnumerable<object[]> RunnableHere() =>
        Lessons.Keys.Where(LessonNotebook.RunsOnThisEngine).Select(k => new object[] { k });

    internal static JsonObject Checks(string executed) => new ExecutedNotebook(executed).Checks;

    /// <summary>A folder beside notebooks/ (as student/ is), removed afterwards.</summary>
    internal static async Task<T> InSiblingFolderAsync<T>(Func<string, Task<T>> use)
    {
        var folder = Path.Combine(Paths.RepoRoot, $".lesson-variant-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);
        try { return await use(folder); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    internal static async Task<(CliRun Run, string Executed)> RunAsync(string notebook, params string[] extra)
    {
        var output = Paths.NewOutputDirectory("ex-" + Path.GetFileNameWithoutExtension(notebook));
        var run = await CoursewareProcess.RunAsync(["run", notebook, "--output", output, "--format", "ipynb", .. extra], timeout: TimeSpan.FromMinutes(10));
        return (run, Path.Combine(output, Path.GetFileName(notebook)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_lesson_has_objectives_a_recap_three_predictions_and_three_checked_exercises(string name)
    {
        var lesson = LessonNotebook.Load(name);
        var cells = lesson.Cells;
        string Source(JsonObject c) => ExecutedNotebook.Source(c);
        var prose = lesson.MarkdownCells.Select(Source).ToList();
        var code = lesson.CodeCells;

        Assert.Contains(prose.Take(3), p => p.StartsWith("## What you will be able to do", StringComparison.Ordinal));
        Assert.Contains(prose, p => p.StartsWith("## Recap", StringComparison.Ordinal));
        Assert.True(code.Count(c => Source(c).Contains("Predict.Reveal(", StringComparison.Ordinal)) >= 3);
        var checks = LessonNotebook.Load(name).Tagged("check");
        Assert.True(checks.Count >= 3);
        Assert.All(checks, c => Assert.Contains("await docker.CheckAsync(", Source(c)));
        Assert.True(code.Count(c => Source(c).Contains("// BEGIN SOLUTION", StringComparison.Ordinal)) >= 3);
        // Nothing gives the answer away before the reveal: not the prose, not a command's comment.
        foreach (var giveaway in new[] { "expected outcome", "nothing listens there: the port is published, but the GET fails", "→ can't resolve", "port is already allocated\n" })
            Assert.DoesNotContain(cells, c => Source(c).Contains(giveaway, StringComparison.Ordinal));
    }

    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task The_teacher_version_passes_every_check(string name)
    {
        // The lesson's one `courseware run` of this test process, shared with the prose assertions.
        var executed = (await LessonRuns.DefaultAsync(name)).Path;

        var checks = Checks(executed);
        Assert.True((int)checks["total"]! >= 3, checks.ToJsonString());
        Assert.Equal((int)checks["total"]!, (int)checks["passed"]!);
        var predictions = new ExecutedNotebook(executed).Predictions;
        Assert.True((int)predictions["revealed"]! >= 3, predictions.ToJsonString());
        Assert.Contains($"<h2>Checks: {(int)checks["passed"]!}/{(int)checks["total"]!} passed</h2>", File.ReadAllText(Path.ChangeExtension(executed, ".html")));
    }

    /// <summary>
    /// The student version of the lesson, its exercises then tried as a learner would in the same session: untouched
    /// (the hint for an untouched exercise, and the cell fails asking for code), each scripted mistake (its own hint,
    /// no cell failing) and the solution (the check passes). One `courseware run` for what took three.
    /// </summary>
    [DockerTheory]
    [MemberData(nameof(RunnableHere))]
    public async Task Untouched_wrong_and_right_answers_each_get_their_own_verdict_in_one_session(string name)
    {
        var (untouched, mistakes) = Lessons[name];
        await InSiblingFolderAsync(async folder =>
        {
            var (session, expected) = await WriteSessionAsync(name, folder);
            var (run, executed) = await RunAsync(session, "--keep-going");

            Assert.True(run.ExitCode == 1, run.ToString());
            var notebook = new ExecutedNotebook(executed);
            Assert.All(notebook.CodeCells, c => Assert.NotNull(ExecutedNotebook.ExecutionCount(c)));   // every cell ran
            // The only cells that fail are the untouched exercises, asking for the learner's code; a wrong answer fails its check, not a cell.
            var failing = notebook.CodeCells.Where(c => ExecutedNotebook.Outputs(c).Any(o => (string?)o["output_type"] == "error")).Select(ExecutedNotebook.Id).ToList();
            Assert.Equal(LessonNotebook.Load(name).CodeCells.Where(c => SolutionRegions.HasRegion(ExecutedNotebook.Source(c))).Select(ExecutedNotebook.Id), failing);
            Assert.Equal(untouched.Length, run.Lines.Count(l => l.Contains("ExerciseNotDoneException: This exercise is waiting for your code.", StringComparison.Ordinal)));
            var results = Checks(executed)["results"]!.AsArray().Select(r => ((bool)r!["passed"]!, (string)r["message"]!)).ToList();
            ExerciseAttempts.AssertVerdicts(expected, results);
            // What the terminal made carries no course label: the lesson's clean-up removed it by name.
            foreach (var left in SolvedInATerminal[name].Names)
                Assert.True(DockerCli.Run("inspect", left).Exit != 0, $"{left}, made with the docker CLI, is still there after the lesson's clean-up");
            return 0;
        });
    }

    /// <summary>
    /// The session of attempts for this lesson, written into <paramref name="folder"/> from its teacher version and its
    /// student version (made by `courseware student`, which keeps every cell's id and replaces the three solutions).
    /// </summary>
    internal static async Task<(string Path, IReadOnlyList<ExpectedVerdict> Expected)> WriteSessionAsync(string name, string folder)
    {
        var (untouched, mistakes) = Lessons[name];
        var studentFolder = Path.Combine(folder, "student");
        var convert = await CoursewareProcess.RunAsync(["student", LessonNotebook.PathOf(name), "--output", studentFolder]);
        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.Contains($"{LessonNotebook.FileOf(name)}: {untouched.Length} solution regions replaced", convert.Output);
        var student = new ExecutedNotebook(Path.Combine(studentFolder, LessonNotebook.FileOf(name)));
        var teacher = LessonNotebook.Load(name);
        // The student version keeps every cell's id (tests and a learner's links find cells by it).
        Assert.Equal(teacher.Cells.Select(ExecutedNotebook.Id), student.Cells.Select(ExecutedNotebook.Id));
        var path = Path.Combine(folder, LessonNotebook.FileOf(name));
        return (path, ExerciseAttempts.Write(teacher, student, path, untouched, mistakes, SolvedInATerminal.GetValueOrDefault(name)));
    }
}
