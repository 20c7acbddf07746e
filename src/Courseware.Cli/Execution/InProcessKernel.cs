using System.Diagnostics;
using System.Text.Json.Nodes;
using Courseware.Lab;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Cli.Execution;

/// <summary>
/// A fresh .NET Interactive kernel in this process: C# (the default) plus the html and javascript kernels Polyglot
/// notebooks use for display-only cells. In-process because it starts in about a second and lets the runner clean up
/// after the notebook by process id: every Docker resource a notebook creates is labelled with this pid.
/// </summary>
public sealed class InProcessKernel : IDisposable
{
    /// <summary>How long a cancelled submission may take to report that it stopped before the runner stops waiting.</summary>
    public static readonly TimeSpan DefaultCancelGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CancelRetry = TimeSpan.FromMilliseconds(200);

    private readonly CompositeKernel _kernel;

    private InProcessKernel(CompositeKernel kernel) => _kernel = kernel;

    /// <summary>
    /// A kernel whose C# compiler has already compiled one submission. The first compilation costs about a second
    /// (Roslyn's JIT); paid here it counts as kernel start-up, not against the first cell's --cell-timeout.
    /// </summary>
    /// <param name="compilerAside">Warm the compiler on a second core meanwhile (faster start, about 14 MB more at the
    /// peak); the Jupyter kernel, which starts while the front end connects, does without.</param>
    public static Task<InProcessKernel> StartAsync(bool compilerAside = true, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref s_prestarted, null) is { } prestarted
            ? prestarted.WaitAsync(cancellationToken)
            : StartFreshAsync(cancellationToken, compilerAside);

    private static Task<InProcessKernel>? s_prestarted;

    /// <summary>
    /// Starts the next kernel in the background, for <see cref="StartAsync"/> to take: the runner calls it first thing,
    /// so that the kernel's start (about a second of Roslyn) overlaps reading the notebooks and checking the outputs.
    /// </summary>
    public static void Prestart() =>
        Interlocked.CompareExchange(ref s_prestarted, Task.Run(() => StartFreshAsync(CancellationToken.None)), null);

    private static async Task<InProcessKernel> StartFreshAsync(CancellationToken cancellationToken, bool compilerAside = true)
    {
        // Two halves of the start, on two cores: the C# kernel's constructor (Roslyn's MEF workspace, ≈ 0.5 s) and a
        // throw-away script compilation that loads and warms the compiler itself, which the warm-up submission would
        // otherwise pay for alone afterwards (≈ 0.3 s saved of ≈ 1.1 s).
        var compiler = compilerAside
            ? Task.Run(() => CSharpScript.Create("0", ScriptOptions.Default).Compile(), cancellationToken)
            : Task.CompletedTask;
        var kernel = Create();
        await compiler.ConfigureAwait(false);
        var warmUp = await kernel._kernel.SendAsync(new SubmitCode(WarmUpCode, "csharp"), cancellationToken).ConfigureAwait(false);
        if (warmUp.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"The C# kernel failed its warm-up: {failed.Message}");
        return kernel;
    }

    /// <summary>Compiles and runs, but declares nothing the notebook could see and displays nothing.</summary>
    private const string WarmUpCode = "System.Threading.Thread.MemoryBarrier();";

    public static InProcessKernel Create()
    {
        // Formatters are process-wide: what the previous notebook registered must not change how this one renders.
        Formatter.ResetToDefault();
        var csharp = new CSharpKernel().UseKernelHelpers();
        var kernel = new CompositeKernel
        {
            { csharp, ["c#", "C#"] },
            new HtmlKernel(),
            { new JavaScriptKernel(), ["js"] },
        };
        kernel.DefaultKernelName = csharp.Name;
        return new InProcessKernel(kernel);
    }

    public bool HasKernel(string name) =>
        _kernel.ChildKernels.Any(k => k.Name == name || k.KernelInfo.Aliases.Contains(name));

    /// <param name="listener">Hears each output as it is produced (the Jupyter kernel publishes them live).</param>
    /// <param name="cancelGrace">How long a cancelled cell may take to stop before it is reported cancelled anyway
    /// (<see cref="DefaultCancelGrace"/>); code that ignores its token runs on in the background either way.</param>
    public async Task<CellExecution> ExecuteAsync(string code, string kernelName, int executionCount, TimeSpan? timeout, CancellationToken cancellationToken,
        IOutputListener? listener = null, TimeSpan? cancelGrace = null)
    {
        var collector = new OutputCollector(executionCount, listener);
        var command = new SubmitCode(code, kernelName);
        var token = command.GetOrCreateToken();
        var stopwatch = Stopwatch.StartNew();
        using var subscription = _kernel.KernelEvents.Subscribe(e =>
        {
            var eventToken = e.Command.GetOrCreateToken();
            if (eventToken == token || eventToken.StartsWith(token + ".", StringComparison.Ordinal)) collector.Add(e);
        });

        // Not SendAsync(command, token): a cancelled token makes SendAsync throw instead of reporting the cell as failed.
        var submission = _kernel.SendAsync(command, CancellationToken.None);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit) stop.CancelAfter(limit);
        var stopped = Task.Delay(Timeout.Infinite, stop.Token);
        if (await Task.WhenAny(submission, stopped).ConfigureAwait(false) != submission)
        {
            var result = cancellationToken.IsCancellationRequested ? ExecutionResult.Cancelled : ExecutionResult.TimedOut;
            // Cancel makes the submission report "Command cancelled." at once and cancels
            // KernelInvocationContext.Current.CancellationToken; code that never looks at that token keeps running.
            // Cancel only reaches the operation running at that moment: a submission the scheduler has not started yet
            // (stopped the instant it was sent) would run to its end. So Cancel is repeated until it has stopped.
            var grace = Task.Delay(cancelGrace ?? DefaultCancelGrace, CancellationToken.None);
            do
            {
                await _kernel.SendAsync(new Cancel(), CancellationToken.None).ConfigureAwait(false);
            }
            while (await Task.WhenAny(submission, grace, Task.Delay(CancelRetry, CancellationToken.None)).ConfigureAwait(false) is var first
                   && first != submission && first != grace);
            var message = result == ExecutionResult.TimedOut
                ? $"The cell ran longer than {timeout!.Value.TotalSeconds:0.###} s (--cell-timeout) and was cancelled. " +
                  "Code that ignores KernelInvocationContext.Current.CancellationToken keeps running until courseware exits."
                : "The cell was interrupted (Ctrl+C, or the notebook's interrupt) and cancelled.";
            var name = result == ExecutionResult.TimedOut ? "CellTimeoutError" : "KeyboardInterrupt";
            collector.AddError(name, message, [$"{name}: {message}"]);
            return new CellExecution(result, collector.Snapshot(), stopwatch.Elapsed, name, message);
        }

        var outcome = await submission.ConfigureAwait(false);
        var failed = outcome.Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command.GetOrCreateToken() == token)
                     ?? outcome.Events.OfType<CommandFailed>().FirstOrDefault();
        if (failed is null)
            return new CellExecution(ExecutionResult.Succeeded, collector.Snapshot(), stopwatch.Elapsed);

        var (errorName, errorValue, traceback) = Describe(failed);
        collector.AddError(errorName, errorValue, traceback);
        return new CellExecution(ExecutionResult.Failed, collector.Snapshot(), stopwatch.Elapsed, errorName, errorValue);
    }

    /// <summary>The C# kernel's completions at a position of the code (line and UTF-16 character, from 0).</summary>
    public async Task<CompletionsProduced?> CompleteAsync(string code, LinePosition position, CancellationToken cancellationToken)
    {
        var result = await _kernel.SendAsync(new RequestCompletions(code, position, "csharp"), cancellationToken).ConfigureAwait(false);
        return result.Events.OfType<CompletionsProduced>().FirstOrDefault();
    }

    /// <summary>The C# kernel's hover text (signature and documentation) at a position of the code.</summary>
    public async Task<HoverTextProduced?> HoverAsync(string code, LinePosition position, CancellationToken cancellationToken)
    {
        var result = await _kernel.SendAsync(new RequestHoverText(code, position, "csharp"), cancellationToken).ConfigureAwait(false);
        return result.Events.OfType<HoverTextProduced>().FirstOrDefault();
    }

    /// <summary>Jupyter's ename/evalue/traceback for a failed submission, without the scripting engine's own frames.</summary>
    internal static (string Name, string Value, IReadOnlyList<string> Traceback) Describe(CommandFailed failed)
    {
        switch (failed.Exception)
        {
            case null:
                return ("Error", failed.Message, failed.Message.Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
            case CodeSubmissionCompilationErrorException:
                return ("CompilationError", failed.Message.Trim(), failed.Message.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
            case LabException lab:
                return (lab.GetType().Name, lab.Message, lab.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
            case var e:
                var lines = e.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
                    .Where(l => !l.TrimStart().StartsWith("at Microsoft.CodeAnalysis.", StringComparison.Ordinal)
                                && !l.TrimStart().StartsWith("at Microsoft.DotNet.Interactive.", StringComparison.Ordinal)
                                && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal))
                    .ToArray();
                return (e.GetType().Name, e.Message, lines);
        }
    }

    public void Dispose() => _kernel.Dispose();
}
