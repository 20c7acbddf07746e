using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Notebooks;
using Courseware.Lab;
// The stdio protocol names events and commands by their .NET Interactive type names: nameof ties them to the pinned package.
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Commands;

namespace Courseware.Cli.Tests.Kernels;

/// <summary>
/// Drives the official .NET Interactive kernel (the dotnet-interactive tool from the repository's tool manifest) over
/// its stdio protocol: JSON commands in, JSON events out. This is what VS Code talks to, so a notebook that passes here
/// behaves as it will for a learner; the in-process runner is faster but shares this process with the runner.
/// Commands are sent one at a time: the kernel may interleave the completion events of queued commands.
/// </summary>
public sealed partial class OfficialKernel : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OfficialKernelOptions _options;
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<JsonElement> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Task _reader;
    private Pending? _pending;
    private int _tokens;

    private sealed class Pending(string token)
    {
        public string Token { get; } = token;
        public List<KernelEventEnvelope> Events { get; } = [];
        public TaskCompletionSource<KernelEventEnvelope> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private OfficialKernel(Process process, OfficialKernelOptions options)
    {
        _process = process;
        _options = options;
        _reader = Task.Run(ReadEventsAsync);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        process.BeginErrorReadLine();
    }

    /// <summary>Time from starting the tool to the kernel's KernelReady event.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The kernel's own process id, from its kernel://pid-N/ URI: the pid its Docker resources are labelled with.</summary>
    public int? KernelProcessId { get; private set; }

    public IReadOnlyList<string> StandardError => _stderr.ToArray();

    public static async Task<OfficialKernel> StartAsync(OfficialKernelOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OfficialKernelOptions();
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        var toolDirectory = options.ToolDirectory ?? FindToolManifestDirectory(workingDirectory)
            ?? throw new OfficialKernelException($"No .config/dotnet-tools.json above {workingDirectory}: the dotnet-interactive tool cannot be found.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = toolDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", options.DefaultKernel, "--working-dir", workingDirectory })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new OfficialKernelException("dotnet did not start.");
        var kernel = new OfficialKernel(process, options);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            var ready = await kernel._ready.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            kernel.StartupTime = stopwatch.Elapsed;
            kernel.KernelProcessId = FindPid(ready.GetRawText());
            return kernel;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw new OfficialKernelException($"dotnet-interactive did not report ready within {options.StartTimeout.TotalSeconds:0} s. stderr:\n{string.Join('\n', kernel.StandardError.TakeLast(20))}");
        }
        catch
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs code like a notebook cell and waits for CommandSucceeded or CommandFailed; on timeout the kernel is sent Cancel.</summary>
    public async Task<KernelSubmission> SubmitCodeAsync(string code, string? targetKernelName = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var token = $"courseware-{Interlocked.Increment(ref _tokens)}";
            var pending = new Pending(token);
            Volatile.Write(ref _pending, pending);
            var stopwatch = Stopwatch.StartNew();
            await SendAsync(token, nameof(SubmitCode), new JsonObject { ["code"] = code, ["targetKernelName"] = targetKernelName ?? _options.DefaultKernel }).ConfigureAwait(false);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout is { } limit) stop.CancelAfter(limit);
            KernelEventEnvelope completion;
            try
            {
                completion = await pending.Completed.Task.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await SendAsync(token + "-cancel", nameof(Cancel), new JsonObject()).ConfigureAwait(false);
                completion = await pending.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            }
            Volatile.Write(ref _pending, null);
            List<KernelEventEnvelope> events;
            lock (pending.Events) events = [.. pending.Events];
            var failed = completion.EventType == nameof(CommandFailed);
            var message = failed && completion.Event.TryGetProperty("message", out var m) ? m.GetString() : null;
            return new KernelSubmission(token, code, !failed, message, events, stopwatch.Elapsed);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Runs every non-empty code cell of a notebook, top to bottom, in this kernel. With stopOnUnexpected the run stops
    /// at the first cell that fails without the raises-exception tag (or succeeds with it).
    /// </summary>
    public async Task<IReadOnlyList<OfficialCellResult>> RunNotebookAsync(string path, bool stopOnUnexpected = false, TimeSpan? cellTimeout = null, CancellationToken cancellationToken = default)
    {
        var document = NotebookDocument.Load(path);
        var results = new List<OfficialCellResult>();
        foreach (var cell in document.Cells.Where(c => c.IsCode && c.Source.Trim().Length > 0))
        {
            var submission = await SubmitCodeAsync(cell.Source, cell.KernelNameOr(document.DefaultKernelName), cellTimeout, cancellationToken).ConfigureAwait(false);
            var result = new OfficialCellResult(cell.Id ?? "", cell.Tags, submission);
            results.Add(result);
            if (stopOnUnexpected && result.IsUnexpected) break;
        }
        return results;
    }

    private async Task SendAsync(string token, string commandType, JsonObject command)
    {
        var envelope = new JsonObject { ["token"] = token, ["commandType"] = commandType, ["command"] = command };
        await _process.StandardInput.WriteLineAsync(envelope.ToJsonString()).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                // The tool prints a welcome banner before it speaks JSON.
                if (!line.StartsWith('{')) continue;
                JsonElement root;
                try
                {
                    using var json = JsonDocument.Parse(line);
                    root = json.RootElement.Clone();
                }
                catch (JsonException)
                {
                    continue;
                }
                if (!root.TryGetProperty("eventType", out var typeElement)) continue;
                var eventType = typeElement.GetString() ?? "";
                var body = root.TryGetProperty("event", out var e) ? e : default;
                if (eventType == nameof(KernelReady))
                {
                    _ready.TrySetResult(body);
                    continue;
                }
                var token = root.TryGetProperty("command", out var command) && command.ValueKind == JsonValueKind.Object
                            && command.TryGetProperty("token", out var t) ? t.GetString() : null;
                var pending = Volatile.Read(ref _pending);
                if (pending is null || token is null) continue;
                if (token != pending.Token && !token.StartsWith(pending.Token + ".", StringComparison.Ordinal)) continue;
                var envelope = new KernelEventEnvelope(eventType, token, body);
                lock (pending.Events) pending.Events.Add(envelope);
                if (token == pending.Token && eventType is nameof(CommandSucceeded) or nameof(CommandFailed))
                    pending.Completed.TrySetResult(envelope);
            }
        }
        finally
        {
            var exited = new OfficialKernelException($"dotnet-interactive exited. stderr:\n{string.Join('\n', StandardError.TakeLast(20))}");
            _ready.TrySetException(exited);
            Volatile.Read(ref _pending)?.Completed.TrySetException(exited);
        }
    }

    private static string? FindToolManifestDirectory(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")) || File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")))
                return dir.FullName;
        return null;
    }

    private static int? FindPid(string kernelReady) =>
        KernelPid().Match(kernelReady) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("kernel://pid-(\\d+)")]
    private static partial Regex KernelPid();

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The kernel keeps nothing worth a graceful exit, and it ignores the end of its input: stop it at once,
            // with the `dotnet tool run` host it runs under.
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited and reaped.
        }
        await EnsureKernelGoneAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _process.Dispose();
        _oneAtATime.Dispose();
        if (_options.RemoveLeftoversOnDispose) await RemoveLeftoversAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The kernel is a child of the `dotnet tool run` host, and a tree kill reaches only the children it finds at that
    /// moment. Until the kernel itself is gone, its session (containers, a host listener's port) still counts as live,
    /// so the next notebook on this engine would find them taken: wait for it, and kill it if it lingers.
    /// </summary>
    private async Task EnsureKernelGoneAsync()
    {
        if (KernelProcessId is not int pid) return;
        try
        {
            using var kernel = Process.GetProcessById(pid);
            if (!kernel.HasExited) kernel.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await kernel.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Gone already (ArgumentException: no such process), or not ours to wait for.
        }
    }

    private static async Task RemoveLeftoversAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await using var lab = await Lab.DockerLab.ConnectAsync("official-kernel-cleanup", cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Lab.LabException or OperationCanceledException)
        {
            // No engine, nothing the kernel could have left on it.
        }
    }
}
