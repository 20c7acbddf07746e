using Docker.DotNet.Handler.Abstractions;

namespace Courseware.Lab;

/// <summary>
/// Wraps the engine transport (Docker.DotNet's hook for it is the auth provider: it may wrap the handler) so that every
/// request also ends when the running cell is cancelled (<see cref="CellCancellation"/>). Used only where there is no
/// TLS to configure (a unix socket, plain tcp), so it replaces no real auth provider.
/// </summary>
internal sealed class CellCancellationHandler : DelegatingHandler, IAuthProvider
{
    public CellCancellationHandler() { }

    private CellCancellationHandler(HttpMessageHandler inner) : base(inner) { }

    public bool TlsEnabled => false;

    public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler) => new CellCancellationHandler(handler);

    /// <summary>The same wrapping for a handler used directly (the raw inspect API).</summary>
    public static HttpMessageHandler Wrap(HttpMessageHandler handler) => new CellCancellationHandler(handler);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cell = CellCancellation.Current;
        if (!cell.CanBeCanceled) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cell);
        var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        // A streamed answer (logs, a build, an attached exec) is read after SendAsync returns: disposing the response
        // when the cell is cancelled ends those reads too.
        cell.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        return response;
    }
}
