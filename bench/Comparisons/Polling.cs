using System.Net;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// Wait loops re-implemented in the bench, to measure a change to <c>Lab.WaitForHttpAsync</c> without editing the
/// library: the 1 ms reference poller and candidate policies. Each uses an HttpClient configured as the library's
/// (no pooling across polls, no proxy, no redirects).
/// </summary>
public static class Polling
{
    private static HttpClient NewClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private static readonly HttpClient Http = NewClient();

    /// <summary>
    /// GET with fixed spacing until 2xx: when the first 200 arrived, and after how many attempts. Each attempt is cut
    /// off after <paramref name="attemptTimeout"/>: a connection docker-proxy accepted while the container's network
    /// was not up yet waits for a SYN retransmit (about 1 s) — a fresh attempt is faster than waiting for it.
    /// </summary>
    public static async Task<(DateTimeOffset At, int Attempts)> TightAsync(int port, TimeSpan spacing, TimeSpan attemptTimeout, CancellationToken ct)
    {
        var url = $"http://127.0.0.1:{port}/";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(attemptTimeout);
                using var response = await Http.GetAsync(url, limit.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var at = DateTimeOffset.UtcNow;
                    await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    return (at, attempt);
                }
            }
            catch (HttpRequestException) { }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(spacing, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// TCP connect straight to the container's IP (not through docker-proxy) with fixed spacing: when the service in
    /// the container first accepted a connection, i.e. when httpd listened.
    /// </summary>
    public static async Task<(DateTimeOffset At, int Attempts)> ListenAsync(IPAddress address, int port, TimeSpan spacing, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeSpan.FromMilliseconds(50));
                await socket.ConnectAsync(address, port, limit.Token).ConfigureAwait(false);
                return (DateTimeOffset.UtcNow, attempt);
            }
            catch (System.Net.Sockets.SocketException) { }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(spacing, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A wait policy: delays start at Initial and grow by Factor up to Cap; optionally a second GET on success (as the library does).</summary>
    public sealed record Policy(string Name, string Host, TimeSpan Initial, double Factor, TimeSpan Cap, bool SecondGet)
    {
        public async Task<(int Attempts, int Unused)> WaitAsync(int port, CancellationToken ct)
        {
            var url = $"http://{Host}:{port}/";
            var delay = Initial;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var response = await Http.GetAsync(url, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        if (SecondGet)
                        {
                            using var again = await Http.GetAsync(url, ct).ConfigureAwait(false);
                            await again.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                        }
                        else
                            await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                        return (attempt, 0);
                    }
                }
                catch (HttpRequestException) { }
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(Cap.TotalMilliseconds, delay.TotalMilliseconds * Factor));
            }
        }
    }

    /// <summary>The policies the readiness experiment measures next to the library.</summary>
    public static IReadOnlyList<Policy> Candidates { get; } =
    [
        new("replica of library", "localhost", TimeSpan.FromMilliseconds(2), 1.5, TimeSpan.FromMilliseconds(100), SecondGet: true),
        new("replica, one GET", "localhost", TimeSpan.FromMilliseconds(2), 1.5, TimeSpan.FromMilliseconds(100), SecondGet: false),
    ];

    /// <summary>The policies measured against a slow-to-listen service.</summary>
    public static IReadOnlyList<Policy> SlowStartCandidates { get; } =
    [
        new("×1.5 capped at 10 ms, one GET", "localhost", TimeSpan.FromMilliseconds(2), 1.5, TimeSpan.FromMilliseconds(10), SecondGet: false),
    ];
}
