using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 02's exercises answered in a terminal (issue 18): the lesson's own cells, with each exercise's `docker run`
/// replaced by the docker CLI run from a shell, as a learner pastes it, so the containers carry no course label. The
/// checks judge the engine: the right answers pass and each plausible wrong one gets its own hint, beyond the scripted
/// mistakes of LessonExerciseTests. All answers are tried in one session (one kernel), each followed by a copy of its
/// exercise's check cell; the lesson's clean-up removes the unlabelled containers by their exact names.
/// </summary>
[Collection("lessons")]
public sealed class Lesson02ContainerToHostTests
{
    private const string Id = "container-to-host";

    /// <summary>The exercise cell, the library's `docker run` in its solution, and the terminal answers tried in turn with what the check must say.</summary>
    private static readonly (string Cell, string Solution, string Name, (string Command, string Says)[] Answers)[] Exercises =
    [
        ("yourturn-1", "await docker.RunAsync(\"busybox:stable\", name: \"named-client\", addHosts: [\"host.docker.internal:host-gateway\"], command: [\"sleep\", \"3600\"])", "named-client",
        [
            ("docker run -d --name named-client busybox:stable sleep 3600", "✗ named-client's /etc/hosts has no line for host.docker.internal"),
            ("docker run -d --name named-client --add-host host.docker.internal:127.0.0.1 busybox:stable sleep 3600", "✗ host.docker.internal → 127.0.0.1 sends named-client to itself"),
            ("docker run -d --name named-client --add-host host.docker.internal:172.17.0.1 busybox:stable sleep 3600", "✗ host.docker.internal → 172.17.0.1 is hard-coded"),
            ("docker run -d --name named-client --add-host host.docker.internal:host-gateway busybox:stable sleep 3600", "✓ host.docker.internal → host-gateway; port 8093 listens on 0.0.0.0"),
        ]),
        ("yourturn-2", "await docker.RunAsync(\"busybox:stable\", new RunOptions { Name = \"page-sidecar\", Network = \"container:page-web\", Command = [\"sleep\", \"3600\"] })", "page-sidecar",
        [
            ("docker run -d --name page-sidecar --network container:page-web busybox:stable sleep 3600", "✓ page-sidecar runs in page-web's network stack; wget http://localhost/hostname in page-sidecar → "),
            ("docker run -d --name page-sidecar busybox:stable sleep 3600", "✗ page-sidecar has a network stack of its own: its localhost is page-sidecar itself"),
            ("docker run -d --name page-sidecar --link page-web busybox:stable sleep 3600", "✗ page-sidecar has a network stack of its own"),
        ]),
        ("yourturn-3", "await docker.RunAsync(\"busybox:stable\", new RunOptions { Name = \"loop-client\", Network = \"host\", Command = [\"sleep\", \"3600\"] })", "loop-client",
        [
            ("docker run -d --name loop-client busybox:stable sleep 3600", "✗ loop-client has a network stack of its own: its 127.0.0.1 is loop-client itself"),
            ("docker run -d --name loop-client --network container:page-web busybox:stable sleep 3600", "✗ loop-client shares another container's network stack"),
            ("docker run -d --name loop-client --network host busybox:stable sleep 3600", "✓ loop-client runs in the host's network stack"),
        ]),
    ];

    /// <summary>A cell's code that runs <paramref name="commandLine"/> in a shell, as pasted into a terminal, and shows its exit code.</summary>
    private static string InATerminal(string commandLine) =>
        "var terminal = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(\"sh\") { ArgumentList = { \"-c\", \"" + commandLine + "\" }, RedirectStandardOutput = true, RedirectStandardError = true })!;\n" +
        "terminal.WaitForExit();\n" +
        "display($\"terminal: exit code {terminal.ExitCode} {terminal.StandardError.ReadToEnd()}\");";

    private static JsonObject CodeCell(string id, string source) => new()
    {
        ["cell_type"] = "code", ["id"] = id, ["metadata"] = new JsonObject(), ["execution_count"] = null, ["outputs"] = new JsonArray(), ["source"] = source,
    };

    [DockerFact]
    public async Task Exercises_answered_with_the_docker_cli_are_judged_by_the_engine_each_wrong_answer_with_its_own_hint()
    {
        var (results, terminals) = await LessonExerciseTests.InSiblingFolderAsync(async folder =>
        {
            var lesson = LessonNotebook.Load(Id);
            JsonObject Copy(string id) => (JsonObject)lesson.Cell(id).DeepClone();
            var cells = new List<JsonObject> { Copy("connect"), Copy("host-listen-loopback"), Copy("yourturn-2-setup") };
            foreach (var (cell, solution, name, answers) in Exercises)
            {
                for (var i = 0; i < answers.Length; i++)
                {
                    if (i == 0)
                    {
                        // The exercise cell itself (its clean start, and exercise 1's host service), answered in a terminal.
                        var exercise = Copy(cell);
                        var source = ExecutedNotebook.Source(exercise);
                        Assert.Contains(solution, source);
                        exercise["source"] = source.Replace(solution, InATerminal(answers[i].Command), StringComparison.Ordinal);
                        cells.Add(exercise);
                    }
                    else cells.Add(CodeCell($"{cell}-terminal-{i}", InATerminal($"docker rm -f {name} >/dev/null; {answers[i].Command}")));
                    var check = Copy(cell + "-check");
                    check["id"] = $"{cell}-check-{i}";
                    cells.Add(check);
                }
            }
            cells.Add(Copy("clean"));
            lesson.Root["cells"] = new JsonArray([.. cells]);
            var variant = Path.Combine(folder, LessonNotebook.FileOf(Id));
            File.WriteAllText(variant, lesson.Root.ToJsonString());

            var (run, executed) = await LessonExerciseTests.RunAsync(variant, "--keep-going");
            Assert.DoesNotContain(" ✗ failed", run.Output);   // a wrong answer fails its check, not a cell
            var notebook = new ExecutedNotebook(executed);
            var terminals = notebook.CodeCells.Select(LessonNotebook.Text).Where(t => t.StartsWith("terminal:", StringComparison.Ordinal)).ToList();
            var results = LessonExerciseTests.Checks(executed)["results"]!.AsArray()
                .Select(r => ((bool)r!["passed"]! ? "✓ " : "✗ ") + (string)r["message"]!).ToList();
            return (results, terminals);
        });

        var expected = Exercises.SelectMany(e => e.Answers.Select(a => a.Says)).ToList();
        Assert.Equal(expected.Count, terminals.Count);
        Assert.All(terminals, t => Assert.StartsWith("terminal: exit code 0", t));
        Assert.Equal(expected.Count, results.Count);
        foreach (var (result, says) in results.Zip(expected))
            Assert.True(result.StartsWith(says[..2], StringComparison.Ordinal) && result.Contains(says[2..], StringComparison.Ordinal), $"expected '{says}', got: {result}");
        // The clean-up removed the unlabelled containers by their exact names.
        foreach (var name in Exercises.Select(e => e.Name).Append("page-web"))
            Assert.Equal("", DockerCli.Ok("ps", "-aq", "--filter", $"name=^{name}$").Trim());
    }
}
