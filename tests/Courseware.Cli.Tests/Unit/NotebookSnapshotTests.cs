using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Unit;

/// <summary>
/// The executed notebook's snapshot text: what varies between runs and CI legs is replaced, what the lessons teach stays,
/// and any change to a cell's output (outside the cells whose structure only is kept) changes the text, so an approved
/// snapshot can fail.
/// </summary>
public sealed class NotebookSnapshotTests
{
    [Theory]
    [InlineData("web (3f2a9c1b7d4e) from exercise4", "web (<id>) from exercise4")]
    [InlineData("Built exercise4 (sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef)", "Built exercise4 (sha256:<digest>)")]
    [InlineData("id 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "id <id>")]
    [InlineData("eth0 02:42:ac:11:00:02 172.17.0.2/16 via 172.17.0.1", "eth0 <mac> <ip>/16 via <ip>")]
    [InlineData("-p 0.0.0.0:8080 → 80/tcp, 127.0.0.1:8081, [::]:8080, ::1", "-p 0.0.0.0:8080 → 80/tcp, 127.0.0.1:8081, [::]:8080, ::1")]
    [InlineData("fe80::42:acff:fe11:2/64 and fd00:dead:beef::5", "<ipv6>/64 and <ipv6>")]
    [InlineData("0.0.0.0:49153 → 80/tcp; Docker chose host port 32768; port 8080 stays", "0.0.0.0:<port> → 80/tcp; Docker chose host port <port>; port 8080 stays")]
    [InlineData("created 2026-12-07T22:14:05.123456789Z, at 22:14:05", "created <time>, at <time>")]
    [InlineData("5 seconds ago | Up About a minute | Exited (0) 2 hours ago", "<ago> | Up <uptime> | Exited (0) <ago>")]
    [InlineData("5 transmitted, 5 received, 0% packet loss, rtt 0.05/0.07/0.10 ms, in 1.52 s", "5 transmitted, 5 received, 0% packet loss, rtt <duration>, in <duration>")]
    [InlineData("Docker 28.5.1 (API 1.51); Docker 20.10.24+dfsg1 (API 1.41)", "Docker <version> (API <version>); Docker <version> (API <version>)")]
    [InlineData("   at Submission#3.<<Initialize>>d__0.MoveNext()\r\n", "   at Submission#<n>.<<Initialize>>d__0.MoveNext()\n")]
    [InlineData("sleep 600 keeps it running; hostPort=9090 big=5000000000", "sleep 600 keeps it running; hostPort=9090 big=5000000000")]
    public void Normalise_replaces_what_changes_between_runs_and_keeps_what_the_lessons_teach(string text, string expected) =>
        Assert.Equal(expected, NotebookSnapshot.Normalise(text));

    [Fact]
    public void A_session_id_keeps_its_lesson_and_loses_the_machine_and_the_pid() =>
        Assert.Equal("session 01-exposing-ports@<host>:<pid>", NotebookSnapshot.Normalise($"session 01-exposing-ports@{Environment.MachineName}:4242"));

    [Fact]
    public void The_snapshot_lists_cells_outputs_mime_types_and_normalised_text()
    {
        var snapshot = new NotebookSnapshot().Replacing("cw-box-4242", "cw-box-<pid>").Of(Executed(Cells()));

        Assert.Equal("""
            nbformat 4.5, kernelspec .net-csharp, default kernel csharp
            checks 1/2 passed, 0 not applicable
              ✓ The box runs: cw-box-<pid> (<id>) is running
              ✗ The box answers: exec failed after <duration>
            predictions {"revealed":1,"predicted":1,"right":1}

            [intro] markdown

            [connect] code #1
              display_data: text/html, text/plain
                | Docker <version> (API <version>) on Debian GNU/Linux 12 (bookworm) [Linux engine]

            [injected-parameters] code #2 tags: injected-parameters
                source:
                | hostPort = 9090;

            [run-box] code #3 tags: raises-exception
              stream stdout
                | cw-box-<pid> (<id>) at <ip>
              execute_result #3: text/html
                text/html:
                | <b>9091</b>
              error InvalidOperationException
                evalue:
                | boom
                traceback:
                | System.InvalidOperationException: boom
                |    at Submission#<n>.<<Initialize>>d__0.MoveNext()

            [chart] code #-
              display_data: application/vnd.plotly.v1+json, text/html

            """.ReplaceLineEndings("\n"), snapshot);
    }

    [Fact]
    public void A_changed_output_changes_the_snapshot_so_an_approved_one_fails()
    {
        var before = new NotebookSnapshot().Of(Executed(Cells()));
        var cells = Cells();
        cells[3]["outputs"]![0]!["text"] = "cw-box-4242 (3f2a9c1b7d4e) at 172.17.0.9, and something new\n";

        Assert.NotEqual(before, new NotebookSnapshot().Of(Executed(cells)));
    }

    [Fact]
    public void A_structure_only_cell_keeps_its_output_types_and_mime_types_but_not_its_text()
    {
        var rootless = Cells();
        rootless[1]["outputs"]![0]!["data"]!["text/plain"] = "Docker 20.10.24 (API 1.41) on Debian GNU/Linux 12 (bookworm) [Linux engine, rootless]";
        var snapshot = new NotebookSnapshot().StructureOnly("connect");

        Assert.Equal(snapshot.Of(Executed(Cells())), snapshot.Of(Executed(rootless)));
        Assert.DoesNotContain("rootless", snapshot.Of(Executed(rootless)));
        Assert.Contains("[connect] code #1\n  display_data: text/html, text/plain\n\n", snapshot.Of(Executed(rootless)));
        rootless[1]["outputs"]!.AsArray().Clear();
        Assert.NotEqual(snapshot.Of(Executed(Cells())), snapshot.Of(Executed(rootless)));
    }

    private static ExecutedNotebook Executed(JsonObject[] cells)
    {
        var path = Path.Combine(Paths.NewOutputDirectory("snapshot"), "executed.ipynb");
        File.WriteAllText(path, new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode?)c.DeepClone()).ToArray()),
            ["metadata"] = JsonNode.Parse("""
                {"kernelspec": {"name": ".net-csharp"}, "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp"}},
                 "courseware": {"checks": {"passed": 1, "total": 2, "notApplicable": 0, "results": [
                   {"title": "The box runs", "passed": true, "message": "cw-box-4242 (3f2a9c1b7d4e) is running"},
                   {"title": "The box answers", "passed": false, "message": "exec failed after 1.52 s"}]},
                  "predictions": {"revealed": 1, "predicted": 1, "right": 1}}}
                """),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString());
        return new ExecutedNotebook(path);
    }

    /// <summary>An executed notebook with one of each kind of output, each with parts that change between runs.</summary>
    private static JsonObject[] Cells() =>
    [
        Cell("""{"cell_type": "markdown", "id": "intro", "metadata": {}, "source": "# A lesson"}"""),
        Cell("""
            {"cell_type": "code", "id": "connect", "execution_count": 1, "metadata": {}, "source": "var docker = await DockerLab.ConnectAsync(\"x\");",
             "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<div>engine</div>",
               "text/plain": "Docker 28.5.1 (API 1.51) on Debian GNU/Linux 12 (bookworm) [Linux engine]"}}]}
            """),
        Cell("""
            {"cell_type": "code", "id": "injected-parameters", "execution_count": 2, "metadata": {"tags": ["injected-parameters"]},
             "source": "hostPort = 9090;", "outputs": []}
            """),
        Cell("""
            {"cell_type": "code", "id": "run-box", "execution_count": 3, "metadata": {"tags": ["raises-exception"]}, "source": "// docker run",
             "outputs": [
               {"output_type": "stream", "name": "stdout", "text": ["cw-box-4242 (3f2a9c1b7d4e) ", "at 172.17.0.9\n"]},
               {"output_type": "execute_result", "execution_count": 3, "metadata": {}, "data": {"text/html": "<b>9091</b><style>\r\n.dni { }\r\n</style>"}},
               {"output_type": "error", "ename": "InvalidOperationException", "evalue": "boom",
                "traceback": ["System.InvalidOperationException: boom", "   at Submission#7.<<Initialize>>d__0.MoveNext()"]}]}
            """),
        Cell("""
            {"cell_type": "code", "id": "chart", "execution_count": null, "metadata": {}, "source": "Charts.Ping(ping)",
             "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"application/vnd.plotly.v1+json": {"data": []}, "text/html": "<div>chart</div>"}}]}
            """),
    ];

    private static JsonObject Cell(string json) => (JsonObject)JsonNode.Parse(json)!;
}
