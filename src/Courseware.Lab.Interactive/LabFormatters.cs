using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive;

/// <summary>
/// How the lab's values look in a notebook. Call <see cref="Register"/> once (the first cell does); after that,
/// returning a Container, a ps list, a PingResult... from a cell renders a card or a table instead of a property dump.
/// </summary>
public static class LabFormatters
{
    private static readonly object Gate = new();

    /// <summary>Registers the HTML and plain-text formatters. Safe to call from every cell; only the first call (or the first after a Formatter reset) registers.</summary>
    public static void Register()
    {
        // Per kernel, not per process: courseware run starts a fresh kernel for each notebook.
        EarlierCellHints.Install();
        // The notebook's one set-up call also tells the library where the running cell's cancellation is, so that an
        // interrupted cell cancels the engine call it awaits.
        CellCancellation.Source ??= CurrentCellToken;
        lock (Gate)
        {
            if (IsRegistered()) return;

            Add<EngineInfo>(EngineInfoCard.ToHtml);
            Add<Container>(ContainerCard.ToHtml);
            Add<IEnumerable<PsRow>>(PsTable.ToHtml, PsTable.ToText);
            Add<PsRow>(r => PsTable.ToHtml([r]), r => PsTable.ToText([r]));
            Add<ContainerDetails>(ContainerDetailsCard.ToHtml);
            Add<HttpResult>(HttpResultCard.ToHtml);
            Add<BuildResult>(BuildResultCard.ToHtml);
            Add<BuildLogView>(v => v.ToHtml(), v => v.ToText());
            Add<PingResult>(PingResultCard.ToHtml, PingResultCard.ToText);
            Add<NetworkDetails>(NetworkCards.ToHtml);
            Add<IEnumerable<NetworkDetails>>(NetworkCards.ToHtml, NetworkCards.ToText);
            Add<ResolveResult>(ResolveResultCard.ToHtml);
            Add<ExecResult>(ExecResultCard.ToHtml);
            Add<HostCommandResult>(HostCards.CommandToHtml);
            Add<NatRules>(HostCards.NatToHtml, HostCards.NatToText);
            Add<ListeningSockets>(HostCards.SocketsToHtml, HostCards.SocketsToText);
            Add<CaptureResult>(HostCards.CaptureToHtml, HostCards.CaptureToText);
            Add<HostListener>(HostListenerCard.ToHtml);
            Add<LanNeighbour>(LanNeighbourCard.ToHtml);
            Add<ReachResult>(ReachResultCard.ToHtml);
            Add<LanExposureReport>(LanExposureCard.ToHtml);
            Add<CleanupReport>(CleanupReportCard.ToHtml);
            Add<IEnumerable<SwarmNode>>(SwarmCards.NodesToHtml, SwarmCards.NodesToText);
            Add<IEnumerable<ServiceTask>>(SwarmCards.TasksToHtml, SwarmCards.TasksToText);
            Add<LabCluster>(SwarmCards.ClusterToHtml);
            Add<IpvsCheck>(SwarmCards.IpvsToHtml);
            Add<LabException>(ErrorBox.ToHtml, ErrorBox.ToText);
            Add<ErrorView>(v => ErrorBox.ToHtml(v.Exception), v => ErrorBox.ToText(v.Exception));
            Add<IEnumerable<PortBindingInfo>>(PortsText.ToHtml, PortsText.ToText);
            Add<CheckResult>(CheckResultCard.ToHtml, CheckResultCard.ToText, (MimeTypes.Check, r => r.ToJson().ToJsonString()));
            Add<PredictionResult>(PredictionCard.ToHtml, PredictionCard.ToText, (MimeTypes.Prediction, p => p.ToJson().ToJsonString()));
            PlotlyFigure.RegisterFormatters();
        }
    }

    /// <summary>
    /// The running cell's token. A cancelled cell's context is complete at once, while its code is still unwinding:
    /// its token stays the answer then. A finished cell's token is never cancelled, so work a cell started in the
    /// background is not cut short by its end.
    /// </summary>
    private static CancellationToken CurrentCellToken()
    {
        if (KernelInvocationContext.Current is not { } context) return CancellationToken.None;
        try
        {
            var token = context.CancellationToken;
            return context.IsComplete && !token.IsCancellationRequested ? CancellationToken.None : token;
        }
        catch (ObjectDisposedException)
        {
            return CancellationToken.None;
        }
    }

    /// <summary>
    /// Shows a caught exception as the same red box a LabException gets (title, problem, fix, details; no stack trace):
    /// <code>try { await docker.RunAsync("web", publish: ["8080:80"]); } catch (LabException e) { LabFormatters.Show(e); }</code>
    /// Outside a notebook it writes the plain-text form to the console.
    /// </summary>
    public static void Show(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Register();
        var view = new ErrorView(exception);
        if (KernelInvocationContext.Current is { IsComplete: false } context)
            context.Display(view, MimeTypes.Html, MimeTypes.PlainText);
        else
            Console.WriteLine(ErrorBox.ToText(exception));
    }

    /// <summary>Wraps any exception so that Show can render it without registering a formatter for every Exception in the kernel.</summary>
    internal sealed record ErrorView(Exception Exception);

    private static bool IsRegistered() =>
        Formatter.RegisteredFormatters(false).Any(f => f.Type == typeof(EngineInfo) && f.MimeType == MimeTypes.Html);

    /// <summary>
    /// HTML plus a text/plain form (the record's own ToString unless given), both published with every display; and,
    /// for check results and predictions, a JSON mime type of their own that a runner counts (frontends show the HTML).
    /// </summary>
    private static void Add<T>(Func<T, string> html, Func<T, string>? text = null, (string MimeType, Func<T, string> Json)? data = null)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), MimeTypes.Html);
        Formatter.Register<T>((value, writer) => writer.Write(text is null ? value?.ToString() : text(value)), MimeTypes.PlainText);
        if (data is { } extra) Formatter.Register<T>((value, writer) => writer.Write(extra.Json(value)), extra.MimeType);
        // Only the preferred mime types end up in the display event; text/plain keeps saved .ipynb outputs readable in
        // viewers that do not render HTML.
        Formatter.SetPreferredMimeTypesFor(typeof(T), data is { } d ? [MimeTypes.Html, MimeTypes.PlainText, d.MimeType] : [MimeTypes.Html, MimeTypes.PlainText]);
    }
}
