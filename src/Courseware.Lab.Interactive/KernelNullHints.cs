using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Courseware.Lab.Interactive;

/// <summary>
/// In the notebook kernel itself (VS Code, and courseware run alike): when the learner's own cell code throws a
/// NullReferenceException, nearly always a variable an earlier cell failed to assign, the cell shows
/// <see cref="EarlierCellHint"/> just above the error, naming the last cell that failed. Installed by
/// <see cref="LabFormatters.Register"/>, which every lesson's first cell calls.
/// </summary>
internal static class KernelNullHints
{
    private static int _handlerInstalled;
    // Per kernel: the last cell that failed, until a cell with the same first line succeeds (the learner fixed it).
    private static readonly ConditionalWeakTable<Kernel, FailedCell> Kernels = new();
    // One hint per cell run, however many times the NullReferenceException is rethrown on its way up.
    private static readonly ConditionalWeakTable<KernelInvocationContext, object> Hinted = new();

    private sealed class FailedCell
    {
        public volatile string? FirstLine;
    }

    public static void Install()
    {
        if (KernelInvocationContext.Current?.HandlingKernel?.RootKernel is not { } root) return;
        var state = new FailedCell();
        if (!Kernels.TryAdd(root, state)) return;
        root.KernelEvents.Subscribe(new Observer(e => Track(state, e)));
        if (Interlocked.Exchange(ref _handlerInstalled, 1) == 1) return;
        AppDomain.CurrentDomain.FirstChanceException += (_, args) =>
        {
            if (args.Exception is not NullReferenceException e || !ThrownByCellCode(e)) return;
            if (KernelInvocationContext.Current is not { IsComplete: false } context) return;
            if (context.HandlingKernel?.RootKernel is not { } kernel || !Kernels.TryGetValue(kernel, out var failed)) return;
            if (!Hinted.TryAdd(context, context)) return;
            KernelInvocationContextExtensions.Display(context, EarlierCellHint.For(failed.FirstLine is { } line ? $"the cell `{line}`" : null), MimeTypes.PlainText);
        };
    }

    private static void Track(FailedCell state, KernelEvent e)
    {
        switch (e)
        {
            // A cell that failed on such a null is a consequence, not the cause: the cause stays named.
            case CommandFailed { Command: SubmitCode failed } f when !IsNullReference(f):
                state.FirstLine = FirstLine(failed.Code);
                break;
            case CommandSucceeded { Command: SubmitCode succeeded } when state.FirstLine == FirstLine(succeeded.Code):
                state.FirstLine = null;
                break;
        }
    }

    private static bool IsNullReference(CommandFailed failed) =>
        failed.Exception is NullReferenceException || failed.Message?.Contains(nameof(NullReferenceException), StringComparison.Ordinal) == true;

    // Roslyn compiles each submission into an in-memory assembly named ℛ*…; a NullReferenceException thrown (and perhaps
    // caught) inside a library is not the learner's.
    private static bool ThrownByCellCode(Exception e) =>
        e.TargetSite?.Module.Assembly.GetName().Name?.StartsWith("ℛ*", StringComparison.Ordinal) == true;

    private static string FirstLine(string code)
    {
        var line = code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= 80 ? line : line[..79] + "…";
    }

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
