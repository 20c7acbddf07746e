using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Courseware.Lab;

/// <summary>One request a <see cref="HostListener"/> answered: who called (as the host sees it) and what they asked for.</summary>
public sealed record HostRequest(string From, string Method, string Path, DateTimeOffset At)
{
    public override string ToString() => $"{Method} {Path} from {From}";
}

/// <summary>
/// A small HTTP service on the host, in the notebook's own process: what a learner's local database or API under
/// development is to a container. It answers every GET with one line that names the address it listens on and the
/// caller's address, and records each request. Stands for <c>python3 -m http.server PORT --bind ADDRESS</c>.
/// Started by <see cref="DockerLab.ListenOnHost"/>, stopped by <see cref="DockerLab.CleanAsync"/> or <see cref="Dispose"/>.
/// </summary>
public sealed class HostListener : IDisposable, IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<HostRequest> _requests = [];
    private readonly Task _serving;

    internal HostListener(string session, IPAddress address, TcpListener listener)
    {
        Session = session;
        Address = address.ToString();
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The address it listens on, as given: 127.0.0.1, 0.0.0.0 (every IPv4 address of the host) or one address.</summary>
    public string Address { get; }

    public int Port { get; }

    /// <summary>The session that started it; <see cref="DockerLab.CleanAsync"/> of that session stops it.</summary>
    public string Session { get; }

    public bool IsListening => !_stop.IsCancellationRequested;

    /// <summary>The command a learner would run for the same service.</summary>
    public string CommandLine => $"python3 -m http.server {Port} --bind {Address}";

    /// <summary>The requests answered so far, oldest first.</summary>
    public IReadOnlyList<HostRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>The URL through which a client that reaches the host at <paramref name="host"/> calls this service.</summary>
    public string UrlVia(string host) => $"http://{(host.Contains(':') ? $"[{host}]" : host)}:{Port}/";

    /// <summary>The line every GET receives.</summary>
    internal string Greeting(string from) => $"Hello from the host: a service listening on {Address}:{Port} answered {from}";

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
            var requestLine = head.Split("\r\n", 2)[0].Split(' ');
            var from = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.MapToIPv4().ToString();
            var request = new HostRequest(from, requestLine[0], requestLine.Length > 1 ? requestLine[1] : "/", DateTimeOffset.Now);
            lock (_requests) _requests.Add(request);
            var body = Encoding.UTF8.GetBytes(Greeting(from) + "\n");
            var response = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(response, timeout.Token).ConfigureAwait(false);
            if (request.Method != "HEAD") await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // A client that hangs up or dawdles gets nothing; the service keeps serving the others.
        }
    }

    /// <summary>Reads the request line and headers (up to the blank line); a GET has no body to wait for.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        try { _serving.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        DockerLab.Forget(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString()
    {
        var requests = Requests;
        return (IsListening ? $"Listening on {Address}:{Port} in this process" : $"Stopped (was {Address}:{Port})") +
            $" ({CommandLine}); {requests.Count} request(s)" +
            (requests.Count == 0 ? "" : ": " + string.Join(", ", requests.Select(r => r.ToString())));
    }
}
