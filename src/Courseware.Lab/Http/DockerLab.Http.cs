using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    // One handler for the session: no connection pooling across polls, so a fresh connect tests readiness each time.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>GET a URL, like opening it in a browser (the lesson's http://localhost:8080).</summary>
    public async Task<HttpResult> HttpGetAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new LabException($"'{url}' is not an http URL.", "Write it as a browser would, e.g. http://localhost:8080/");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            return await ToResultAsync(url, response, stopwatch, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new LabException(
                $"Nothing answered at {url}: {Innermost(e).Message}",
                "Is the container running and is the port published? docker ps shows its PORTS column; the host port is the number before '->'.",
                inner: e);
        }
    }

    private static async Task<HttpResult> ToResultAsync(string url, HttpResponseMessage response, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new HttpResult(url, (int)response.StatusCode, response.ReasonPhrase ?? "", headers, body, stopwatch.Elapsed);
    }

    /// <summary>GET through the host port the engine bound for a container port.</summary>
    public Task<HttpResult> HttpGetAsync(Container container, int containerPort = 80, string path = "/", CancellationToken cancellationToken = default,
        [CallerArgumentExpression(nameof(container))] string? containerExpression = null) =>
        HttpGetAsync(UrlOf(EarlierStep.Container(container, containerExpression), containerPort, path), cancellationToken);

    /// <summary>The URL a browser on this host opens for a published container port.</summary>
    public static string UrlOf(Container container, int containerPort = 80, string path = "/",
        [CallerArgumentExpression(nameof(container))] string? containerExpression = null)
    {
        var binding = EarlierStep.Container(container, containerExpression).PublishedBinding(containerPort);
        var host = binding.ConnectAddress == "127.0.0.1" ? "localhost" : CliTwin.HostForPort(binding.ConnectAddress);
        return $"http://{host}:{binding.HostPort}{path}";
    }

    /// <summary>
    /// Waits until a GET through the published port returns 2xx. Polls with a short, growing delay instead of a fixed
    /// sleep, and gives up early with the container's logs if the container stops.
    /// </summary>
    public async Task<HttpResult> WaitForHttpAsync(Container container, int containerPort = 80, string path = "/", TimeSpan? timeout = null, CancellationToken cancellationToken = default,
        [CallerArgumentExpression(nameof(container))] string? containerExpression = null)
    {
        var url = UrlOf(EarlierStep.Container(container, containerExpression), containerPort, path);
        string last = "no attempt yet";
        var result = await PollAsync(container, timeout, async token =>
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                // The first 2xx is the answer: a second GET would only add a round trip to the readiness time.
                using var response = await Http.GetAsync(url, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) { last = $"HTTP {(int)response.StatusCode}"; return null; }
                return await ToResultAsync(url, response, stopwatch, token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) { last = Innermost(e).Message; return null; }
        }, () => $"GET {url} did not return 2xx (last: {last})", cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LivenessInterval = TimeSpan.FromMilliseconds(250);

    private async Task<T> PollAsync<T>(Container container, TimeSpan? timeout, Func<CancellationToken, Task<T?>> attempt, Func<string> describe, CancellationToken cancellationToken)
        where T : class
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var delay = TimeSpan.FromMilliseconds(2);
        var sinceLivenessCheck = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await attempt(deadline.Token).ConfigureAwait(false) is { } done) return done;
                // Asking the engine costs a round trip: do it a few times a second, not on every attempt.
                if (sinceLivenessCheck.Elapsed >= LivenessInterval)
                {
                    sinceLivenessCheck.Restart();
                    var details = await InspectAsync(container.Id, deadline.Token).ConfigureAwait(false);
                    if (!details.Running)
                        throw new ContainerExitedException(details.Name, details.ExitCode, await LogsAsync(container.Id, 20, cancellationToken).ConfigureAwait(false));
                }
                await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
                // Capped low: a service that needs a few hundred ms to listen is seen within ~10 ms of it (measured in bench/).
                delay = TimeSpan.FromMilliseconds(Math.Min(MaxPollDelay.TotalMilliseconds, delay.TotalMilliseconds * 1.5));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LabException(
                    $"'{container.Name}' was not ready within {limit.TotalSeconds:0.#} s: {describe()}.",
                    $"Check that the service listens on the container port you published (docker logs {container.Name}, docker exec {container.Name} netstat -ltn).");
            }
        }
    }
}
