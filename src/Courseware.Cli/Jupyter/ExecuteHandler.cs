using Courseware.Lab.Interactive;
using System.Text.Json.Nodes;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// execute_request: runs the code in the runner's in-process C# kernel, publishes its outputs live, judges the cell as
/// the runner does (with the runner's hint naming an earlier failed cell), and replies. One request at a time.
/// </summary>
public sealed class ExecuteHandler(KernelReplies replies, Task<InProcessKernel> kernel)
{
    /// <summary>
    /// A learner who presses interrupt wants the notebook back: a cell that ignores its token is reported interrupted
    /// after this and runs on in the background, while the next cell already runs (the C# kernel takes it).
    /// </summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(1);

    private readonly List<CellOutcome> _outcomes = [];
    private readonly PlotlyOffline _plotly = new();
    private int _executionCount;
    private CancellationTokenSource? _running;

    /// <summary>interrupt_request: cancels the running cell (its KernelInvocationContext token), which still gets its reply.</summary>
    public void Interrupt()
    {
        try
        {
            Volatile.Read(ref _running)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cell ended meanwhile: nothing to interrupt.
        }
    }

    /// <summary>Runs the request's code and replies; false when the cell failed (the caller aborts what is queued when stop_on_error).</summary>
    public async Task<bool> ExecuteAsync(JupyterMessage request)
    {
        var code = (string?)request.Content["code"] ?? "";
        var silent = (bool?)request.Content["silent"] ?? false;
        var storeHistory = !silent && ((bool?)request.Content["store_history"] ?? true);
        if (storeHistory) _executionCount++;
        var count = _executionCount;
        if (!silent) replies.Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });

        CellExecution execution;
        using (var running = new CancellationTokenSource())
        {
            Volatile.Write(ref _running, running);
            try
            {
                var csharp = await kernel.ConfigureAwait(false);
                execution = await csharp.ExecuteAsync(code, "csharp", count, timeout: null, running.Token,
                    silent ? null : new IopubOutputs(replies, request, _plotly), InterruptGrace).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // The C# kernel did not start (its warm-up failed): every cell says so instead of hanging.
                var outputs = new JsonArray(new JsonObject
                {
                    ["output_type"] = "error", ["ename"] = "KernelStartError", ["evalue"] = e.Message,
                    ["traceback"] = new JsonArray(JsonValue.Create($"KernelStartError: {e.Message}")),
                });
                execution = new CellExecution(ExecutionResult.Failed, outputs, TimeSpan.Zero, "KernelStartError", e.Message);
            }
            finally
            {
                Volatile.Write(ref _running, null);
            }
        }

        var hint = NotebookRunner.EarlierCellHint(execution, _outcomes);
        var outputCount = execution.Outputs.Count;
        if (hint is not null) EarlierCellHints.AddTo(execution.Outputs, hint);
        _outcomes.Add(NotebookRunner.Judge(new CellStart(count, 0, "", NotebookCell.FirstLine(code), []), expectsError: false, execution, hint));

        if (execution.Result == ExecutionResult.Succeeded)
        {
            replies.Reply(KernelChannel.Shell, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = new JsonObject(),
            });
            return true;
        }

        if (execution.Outputs.Count > outputCount && !silent)
            replies.Publish(request, "stream", new JsonObject { ["name"] = "stderr", ["text"] = hint + "\n" });
        var error = execution.Outputs.LastOrDefault(o => (string?)o?["output_type"] == "error") as JsonObject;
        var ename = (string?)error?["ename"] ?? execution.ErrorName ?? "Error";
        var evalue = (string?)error?["evalue"] ?? execution.ErrorMessage ?? "";
        var traceback = error?["traceback"]?.DeepClone() ?? new JsonArray();
        if (!silent)
            replies.Publish(request, "error", new JsonObject { ["ename"] = ename, ["evalue"] = evalue, ["traceback"] = traceback.DeepClone() });
        replies.Reply(KernelChannel.Shell, request, "execute_reply", new JsonObject
        {
            ["status"] = "error",
            ["execution_count"] = count,
            ["ename"] = ename,
            ["evalue"] = evalue,
            ["traceback"] = traceback,
        });
        return false;
    }

    /// <summary>A request queued behind a failed cell when stop_on_error: Run All must not go on past the failure.</summary>
    public void Abort(JupyterMessage request) =>
        replies.Reply(KernelChannel.Shell, request, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
}
