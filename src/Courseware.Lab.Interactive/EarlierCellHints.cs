using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Courseware.Lab.Interactive;

/// <summary>
/// The hint under a learner's own NullReferenceException, nearly always a variable an earlier cell failed to assign
/// (the docker run cell hit a port conflict, the learner went on). One feature in one place, with one wording for both
/// hosts that give it: the notebook kernel (VS Code, and courseware run alike, once a lesson's first cell has loaded this
/// library; it knows the failed cell's code) shows it just above the error; courseware run, on a notebook that does not
/// load this library, adds it to the executed notebook (it knows the failed cell's number). A library call handed such a
/// null says more itself (Courseware.Lab's EarlierStepNotRunException) and gets no hint.
/// </summary>
public static class EarlierCellHints
{
    public const string Prefix = "Hint: a variable from an earlier cell";

    /// <param name="failedCell">How to name the cell that failed last, e.g. "cell 3 (// docker run …)"; null if none did.</param>
    public static string For(string? failedCell) => failedCell is null
        ? $"{Prefix} is null. Run the cells above in order, from the top: a cell that fails or has not run leaves the variables it assigns null."
        : $"{Prefix} is probably null: {failedCell} failed earlier, so what it assigns is null. Fix that cell and re-run it, then this one.";

    /// <summary>
    /// In an executed notebook: adds the hint to a cell's outputs as stderr text, just before the error, where Jupyter and
    /// VS Code show it, unless the kernel already showed one there.
    /// </summary>
    public static void AddTo(JsonArray outputs, string hint)
    {
        if (outputs.Any(IsHint)) return;
        var stream = new JsonObject { ["output_type"] = "stream", ["name"] = "stderr", ["text"] = hint + "\n" };
        var error = outputs.Select((o, i) => (o, i)).LastOrDefault(x => (string?)x.o?["output_type"] == "error");
        if (error.o is null) outputs.Add(stream);
        else outputs.Insert(error.i, stream);
    }

    // A stream's text or a display's text/plain, stored as one string or as lines: the hint is its first line.
    private static bool IsHint(JsonNode? output) => (output?["text"] ?? output?["data"]?[MimeTypes.PlainText]) switch
    {
        JsonArray lines => lines.FirstOrDefault()?.GetValue<string>().StartsWith(Prefix, StringComparison.Ordinal) == true,
        JsonValue value => value.TryGetValue<string>(out var text) && text.StartsWith(Prefix, StringComparison.Ordinal),
        _ => false,
    };

    private static int _handlerInstalled;
    // Per kernel: the last cell that failed, until a cell with the same first line succeeds (the learner fixed it).
    private static readonly ConditionalWeakTable<Kernel, FailedCell> Kernels = new();
    // One hint per cell run, however many times the NullReferenceException is rethrown on its way up.
    private static readonly ConditionalWeakTable<KernelInvocationContext, object> Hinted = new();

    private sealed class FailedCell
    {
        public volatile string? FirstLine;
    }

    /// <summary>In the notebook kernel: installed once per kernel by <see cref="LabFormatters.Register"/>.</summary>
    internal static void Install()
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
            KernelInvocationContextExtensions.Display(context, For(failed.FirstLine is { } line ? $"the cell `{line}`" : null), MimeTypes.PlainText);
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
