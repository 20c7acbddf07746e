using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Lessons;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Jupyter;

/// <summary>
/// `courseware kernel` driven by Jupyter's own client (Debian's python3-jupyter-client 7.4.9, the client nbclient,
/// nbconvert and Jupyter Notebook use): protocol_client.py starts the kernel from the kernelspec `courseware kernel
/// install --prefix` wrote, runs one scenario and prints what came back. The shapes of the replies are asserted.
/// </summary>
public sealed class JupyterProtocolTests
{
    private static async Task<JsonObject> ScenarioAsync(string scenario)
    {
        using var sandbox = await JupyterSandbox.CreateAsync();
        // From notebooks/, as a front end starts the kernel beside the notebook: "../build/lab/…" resolves.
        var (exit, output, error) = await sandbox.RunAsync(Prerequisites.SystemPython,
            [Path.Combine(AppContext.BaseDirectory, "Jupyter", "protocol_client.py"), scenario], LessonNotebook.Directory, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, $"protocol_client.py {scenario} exited {exit}:\n{output}\n{error}");
        var result = (JsonObject)JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        // Every scenario ends with a shutdown, which must not run into jupyter_client's 5 s before it kills the kernel.
        Assert.True((double)result["shutdown_seconds"]! < 5, $"shutdown took {result["shutdown_seconds"]} s");
        return result;
    }

    private static IReadOnlyList<JsonObject> Iopub(JsonNode? exchange, string type) =>
        exchange!["iopub"]!.AsArray().Cast<JsonObject>().Where(m => (string?)m["msg_type"] == type).Select(m => (JsonObject)m["content"]!).ToList();

    private static IReadOnlyList<string> States(JsonNode? exchange) =>
        Iopub(exchange, "status").Select(c => (string)c["execution_state"]!).ToList();

    [JupyterClientFact]
    public async Task Kernel_info_describes_csharp_and_is_framed_by_busy_and_idle()
    {
        var result = await ScenarioAsync("kernel_info");

        Assert.Equal("kernel_info_reply", (string?)result["reply_type"]);
        Assert.Equal("5.3", (string?)result["version"]);
        var reply = result["reply"]!;
        Assert.Equal("ok", (string?)reply["status"]);
        Assert.Equal("5.3", (string?)reply["protocol_version"]);
        Assert.Equal("courseware", (string?)reply["implementation"]);
        var language = reply["language_info"]!;
        Assert.Equal("C#", (string?)language["name"]);
        Assert.Equal("text/x-csharp", (string?)language["mimetype"]);
        Assert.Equal(".cs", (string?)language["file_extension"]);
        Assert.Equal("csharp", (string?)language["pygments_lexer"]);
        Assert.Equal("text/x-csharp", (string?)language["codemirror_mode"]);
        Assert.Equal(["busy", "idle"], States(result));
    }

    [JupyterClientFact]
    public async Task Execute_streams_stdout_and_stderr_displays_and_returns_a_result()
    {
        var result = await ScenarioAsync("execute");

        Assert.Equal("execute_reply", (string?)result["reply_type"]);
        Assert.Equal("ok", (string?)result["reply"]!["status"]);
        Assert.Equal(1, (int?)result["reply"]!["execution_count"]);
        var types = result["iopub"]!.AsArray().Select(m => (string?)m!["msg_type"]).ToList();
        Assert.Equal(["status", "execute_input", "stream", "stream", "display_data", "execute_result", "status"], types);
        Assert.Equal(["busy", "idle"], States(result));
        Assert.Equal(1, (int?)Iopub(result, "execute_input")[0]["execution_count"]);
        var streams = Iopub(result, "stream");
        Assert.Equal(("stdout", "hello from stdout\n"), ((string)streams[0]["name"]!, (string)streams[0]["text"]!));
        Assert.Equal(("stderr", "hello from stderr\n"), ((string)streams[1]["name"]!, (string)streams[1]["text"]!));
        var display = Iopub(result, "display_data")[0];
        Assert.Equal("a display", (string?)display["data"]!["text/plain"]);
        Assert.NotNull(display["metadata"]);
        Assert.False(string.IsNullOrEmpty((string?)display["transient"]!["display_id"]));
        var executeResult = Iopub(result, "execute_result")[0];
        Assert.Equal(1, (int?)executeResult["execution_count"]);
        Assert.Contains("42", (string?)executeResult["data"]!["text/html"]);
    }

    [JupyterClientFact]
    public async Task An_error_arrives_as_ename_evalue_traceback_a_lab_exception_as_its_problem_and_fix_and_the_kernel_goes_on()
    {
        var result = await ScenarioAsync("error");

        var failing = result["failing"]!;
        Assert.Equal("error", (string?)failing["reply"]!["status"]);
        Assert.Equal("InvalidOperationException", (string?)failing["reply"]!["ename"]);
        Assert.Equal("boom", (string?)failing["reply"]!["evalue"]);
        Assert.IsType<JsonArray>(failing["reply"]!["traceback"]);
        var error = Assert.Single(Iopub(failing, "error"));
        Assert.Equal("InvalidOperationException", (string?)error["ename"]);

        var lab = result["lab"]!;
        Assert.Equal("error", (string?)lab["reply"]!["status"]);
        Assert.Equal("LabException", (string?)lab["reply"]!["ename"]);
        var traceback = lab["reply"]!["traceback"]!.AsArray().Select(l => (string)l!).ToList();
        Assert.Contains(traceback, l => l.Contains("The problem.", StringComparison.Ordinal));
        Assert.Contains("Fix: The fix.", traceback);
        Assert.DoesNotContain(traceback, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

        var after = result["after"]!;
        Assert.Equal("ok", (string?)after["reply"]!["status"]);
        Assert.Equal(3, (int?)after["reply"]!["execution_count"]);
        Assert.Equal("still alive", (string?)Iopub(after, "execute_result")[0]["data"]!["text/plain"]);
    }

    [JupyterClientFact]
    public async Task Completion_of_docker_dot_lists_the_library_verbs_with_code_point_cursors_and_introspection_answers()
    {
        var result = await ScenarioAsync("complete");

        Assert.Equal("ok", (string?)result["setup"]!["status"]);
        Assert.Equal("complete_reply", (string?)result["reply_type"]);
        var reply = result["reply"]!;
        Assert.Equal("ok", (string?)reply["status"]);
        var matches = reply["matches"]!.AsArray().Select(m => (string)m!).ToList();
        foreach (var verb in new[] { "RunAsync", "PsAsync", "InspectAsync", "PingAsync", "ExecAsync", "BuildAsync", "CleanAsync", "Network" })
            Assert.Contains(verb, matches);
        // "var ü😀 = 1; docker." is 19 code points (20 UTF-16 units): the cursor and the replaced span count code points.
        Assert.Equal((int)result["code_points"]!, (int)reply["cursor_start"]!);
        Assert.Equal((int)result["code_points"]!, (int)reply["cursor_end"]!);
        Assert.Equal(matches.Count, reply["metadata"]!["_jupyter_types_experimental"]!.AsArray().Count);

        var inspect = result["inspect"]!;
        Assert.Equal("ok", (string?)inspect["status"]);
        Assert.True((bool)inspect["found"]!);
        Assert.Contains("WriteLine", (string?)inspect["data"]!["text/plain"]);
        Assert.Equal("incomplete", (string?)result["incomplete"]!["status"]);
        Assert.Equal("complete", (string?)result["complete"]!["status"]);
        Assert.Equal("comm_info_reply", (string?)result["comm_type"]);
        Assert.Equal(new JsonObject(), result["comm"]!["comms"], JsonNode.DeepEquals);
    }

    [JupyterClientFact]
    public async Task Interrupt_ends_a_cell_waiting_60_s_with_its_reply_and_the_next_cell_runs()
    {
        var result = await ScenarioAsync("interrupt");

        var reply = result["reply"]!;
        Assert.Equal("error", (string?)reply["status"]);
        Assert.Equal("KeyboardInterrupt", (string?)reply["ename"]);
        // Not a timing benchmark: the reply came back long before the cell's 60 s (docs/benchmarks.md has the figure).
        Assert.True((double)result["returned_after"]! < 10, $"the reply came {result["returned_after"]} s after the interrupt");
        Assert.Equal("KeyboardInterrupt", (string?)Assert.Single(Iopub(result, "error"))["ename"]);
        Assert.Equal("ok", (string?)result["next"]!["reply"]!["status"]);
        Assert.Equal("next cell ran", (string?)Iopub(result["next"], "execute_result")[0]["data"]!["text/plain"]);
    }

    [DockerFact]
    public async Task Interrupt_cancels_the_docker_call_the_cell_awaits_and_leaves_nothing()
    {
        var result = await ScenarioAsync("interrupt_docker");

        Assert.Equal("ok", (string?)result["setup"]!["status"]);
        Assert.Equal("KeyboardInterrupt", (string?)result["reply"]!["ename"]);
        // The library's own call saw the cancellation: the exec was cancelled, not left running while the cell "stopped".
        var caught = (string?)Iopub(result["library"], "execute_result")[0]["data"]!["text/plain"];
        Assert.StartsWith("OperationCanceledException: docker exec cw-kernel-interrupt-", caught);
        Assert.EndsWith("was cancelled: the cell was interrupted.", caught);
        var (_, left, _) = Prerequisites.Run("docker", ["ps", "-aq", "--filter", "label=courseware.lesson=kernel-interrupt-test"]);
        Assert.Equal("", left.Trim());
    }

    [JupyterClientFact]
    public async Task A_display_is_updated_in_place_and_cells_queued_behind_a_failure_are_aborted()
    {
        var result = await ScenarioAsync("update_and_abort");

        var display = Assert.Single(Iopub(result["update"], "display_data"));
        var update = Assert.Single(Iopub(result["update"], "update_display_data"));
        Assert.Equal("step 1 of 2", (string?)display["data"]!["text/plain"]);
        Assert.Equal("step 2 of 2", (string?)update["data"]!["text/plain"]);
        Assert.Equal((string?)display["transient"]!["display_id"], (string?)update["transient"]!["display_id"]);

        var queued = result["queued"]!.AsArray();
        Assert.Equal(["error", "aborted", "aborted"], queued.Select(r => (string?)r!["status"]));
        Assert.Equal("ok", (string?)result["after"]!["reply"]!["status"]);
        Assert.Equal("runs again", (string?)Iopub(result["after"], "execute_result")[0]["data"]!["text/plain"]);
    }

    [JupyterClientFact]
    public async Task Restart_starts_a_new_kernel_process_with_fresh_state()
    {
        var result = await ScenarioAsync("restart");

        Assert.Equal("ok", (string?)result["before"]!["reply"]!["status"]);
        Assert.True((bool)result["restarted"]!);
        var after = result["after"]!["reply"]!;
        Assert.Equal("error", (string?)after["status"]);
        Assert.Contains("remembered", (string?)after["evalue"]);
        Assert.Equal(1, (int?)after["execution_count"]);
        Assert.Equal("fresh", (string?)Iopub(result["fresh"], "execute_result")[0]["data"]!["text/plain"]);
    }

    [JupyterClientFact]
    public async Task A_message_with_a_bad_signature_is_ignored()
    {
        var result = await ScenarioAsync("bad_signature");

        Assert.Null(result["forged_reply"]);
        var genuine = result["genuine"]!;
        Assert.Equal("ok", (string?)genuine["reply"]!["status"]);
        // The forged execute never ran: the genuine one is the session's first.
        Assert.Equal(1, (int?)genuine["reply"]!["execution_count"]);
        Assert.Equal("genuine", (string?)Iopub(genuine, "execute_result")[0]["data"]!["text/plain"]);
    }
}
