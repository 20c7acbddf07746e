using System.Text.Json.Nodes;
using System.Threading.Channels;
using Courseware.Cli.Execution;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// <c>courseware kernel --connection-file FILE</c>: the runner's in-process C# kernel behind the Jupyter messaging
/// protocol, for every front end that starts kernels from a kernelspec (VS Code's Jupyter extension, JupyterLab,
/// Jupyter Notebook, nbclient). Shell requests run one at a time, in order; control requests (interrupt, shutdown)
/// are handled at once, beside a running cell.
/// </summary>
public sealed class JupyterKernel
{
    /// <summary>Jupyter's client kills a kernel that has not exited this long after shutdown_request; the clean-up must fit in it.</summary>
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(4);

    private readonly KernelReplies _replies;
    private readonly ExecuteHandler _execute;
    private readonly IntrospectionHandler _introspection;
    private readonly Channel<JupyterMessage> _shell = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TextWriter _log;
    private int _shuttingDown;

    private JupyterKernel(KernelSockets sockets, Task<InProcessKernel> kernel, TextWriter log)
    {
        _replies = new KernelReplies(sockets);
        _execute = new ExecuteHandler(_replies, kernel);
        _introspection = new IntrospectionHandler(kernel);
        _log = log;
        sockets.Received += (channel, message) =>
        {
            if (channel == KernelChannel.Shell) _shell.Writer.TryWrite(message);
            else if (channel == KernelChannel.Control) _ = Task.Run(() => HandleControlAsync(message));
        };
    }

    /// <summary>Serves until a shutdown_request (or <paramref name="cancellationToken"/>: SIGTERM), then removes what the session's cells created.</summary>
    public static async Task RunAsync(ConnectionFile connection, TextWriter log, CancellationToken cancellationToken)
    {
        // The C# kernel starts (≈ 1 s of Roslyn) while the front end connects and asks for kernel_info. Without the
        // compiler warmed aside: its peak memory counts against the official kernel's (docs/benchmarks.md, "kernels").
        var kernel = InProcessKernel.StartAsync(compilerAside: false, CancellationToken.None);
        using var sockets = new KernelSockets(connection, log);
        var host = new JupyterKernel(sockets, kernel, log);
        sockets.Start();
        // The pid labels every Docker resource the cells create (courseware.owner.pid): said once, for whoever reads the log.
        log.WriteLine($"[courseware kernel] pid {Environment.ProcessId}, protocol {JupyterMessage.ProtocolVersion} on {connection.Ip}");
        host._replies.Status(null, "starting");
        var shellLoop = Task.Run(host.ServeShellAsync, CancellationToken.None);
        await using (cancellationToken.Register(() => _ = host.ShutDownAsync(null, restart: false)))
            await host._stopped.Task.ConfigureAwait(false);
        host._shell.Writer.TryComplete();
        await Task.WhenAny(shellLoop, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None)).ConfigureAwait(false);
        if (kernel.IsCompletedSuccessfully) kernel.Result.Dispose();
    }

    private async Task ServeShellAsync()
    {
        await foreach (var request in _shell.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            _replies.Status(request, "busy");
            try
            {
                await HandleShellAsync(request).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _log.WriteLine($"[courseware kernel] {request.Type} failed: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                _replies.Status(request, "idle");
            }
        }
    }

    private async Task HandleShellAsync(JupyterMessage request)
    {
        switch (request.Type)
        {
            case "execute_request":
                var succeeded = await _execute.ExecuteAsync(request).ConfigureAwait(false);
                if (!succeeded && ((bool?)request.Content["stop_on_error"] ?? true)) AbortQueued();
                break;
            case "kernel_info_request":
                _replies.Reply(KernelChannel.Shell, request, "kernel_info_reply", KernelInfo.Reply());
                break;
            case "complete_request":
                _replies.Reply(KernelChannel.Shell, request, "complete_reply", await _introspection.CompleteAsync(request.Content).ConfigureAwait(false));
                break;
            case "inspect_request":
                _replies.Reply(KernelChannel.Shell, request, "inspect_reply", await _introspection.InspectAsync(request.Content).ConfigureAwait(false));
                break;
            case "is_complete_request":
                _replies.Reply(KernelChannel.Shell, request, "is_complete_reply", IntrospectionHandler.IsComplete(request.Content));
                break;
            case "comm_info_request":
                // No comms (widgets) in this kernel: the empty answer is the right one.
                _replies.Reply(KernelChannel.Shell, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case "history_request":
                _replies.Reply(KernelChannel.Shell, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                break;
            case "shutdown_request":
                // Older clients send it on shell.
                await ShutDownAsync(request, (bool?)request.Content["restart"] ?? false, KernelChannel.Shell).ConfigureAwait(false);
                break;
            case "comm_open" or "comm_msg" or "comm_close":
                break;
            default:
                _log.WriteLine($"[courseware kernel] shell: {request.Type} is not handled");
                break;
        }
    }

    /// <summary>Run All sends every cell at once: after a failure, the cells queued behind it are aborted, not run.</summary>
    private void AbortQueued()
    {
        var kept = new List<JupyterMessage>();
        while (_shell.Reader.TryRead(out var queued))
        {
            if (queued.Type != "execute_request")
            {
                kept.Add(queued);
                continue;
            }
            _replies.Status(queued, "busy");
            _execute.Abort(queued);
            _replies.Status(queued, "idle");
        }
        foreach (var message in kept) _shell.Writer.TryWrite(message);
    }

    private async Task HandleControlAsync(JupyterMessage request)
    {
        _replies.Status(request, "busy");
        try
        {
            switch (request.Type)
            {
                case "interrupt_request":
                    _execute.Interrupt();
                    _replies.Reply(KernelChannel.Control, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    break;
                case "shutdown_request":
                    await ShutDownAsync(request, (bool?)request.Content["restart"] ?? false).ConfigureAwait(false);
                    return;
                case "kernel_info_request":
                    _replies.Reply(KernelChannel.Control, request, "kernel_info_reply", KernelInfo.Reply());
                    break;
                default:
                    _log.WriteLine($"[courseware kernel] control: {request.Type} is not handled");
                    break;
            }
        }
        finally
        {
            _replies.Status(request, "idle");
        }
    }

    /// <summary>
    /// Cancels the running cell and removes every container, network and image the session's cells created (as
    /// <c>courseware run</c> does after a notebook), then replies and stops. For a restart the front end starts a new
    /// process; this one only has to leave nothing behind.
    /// </summary>
    private async Task ShutDownAsync(JupyterMessage? request, bool restart, KernelChannel channel = KernelChannel.Control)
    {
        if (Interlocked.Exchange(ref _shuttingDown, 1) == 1) return;
        _execute.Interrupt();
        var (_, problem) = await NotebookRunner.CleanupAsync(CleanupLimit).ConfigureAwait(false);
        if (problem is not null) _log.WriteLine($"[courseware kernel] {problem}");
        if (request is not null)
        {
            var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
            _replies.Reply(channel, request, "shutdown_reply", content);
            _replies.Publish(request, "shutdown_reply", (JsonObject)content.DeepClone());
            _replies.Status(request, "idle");
        }
        _stopped.TrySetResult();
    }
}
