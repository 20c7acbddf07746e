using System.Net.Sockets;

namespace Courseware.Lab.Tests.Support;

/// <summary>A unix socket that forwards each connection to the engine's socket, byte for byte.</summary>
public sealed class SocketForwarder : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;

    private SocketForwarder(string path, string target)
    {
        _path = path;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(16);
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try { client = await _listener.AcceptAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(async () =>
                {
                    using var c = client;
                    using var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await upstream.ConnectAsync(new UnixDomainSocketEndPoint(target));
                    using var a = new NetworkStream(c);
                    using var b = new NetworkStream(upstream);
                    await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
                });
            }
        });
    }

    public static SocketForwarder Start(string path, string target) => new(path, target);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose(); // .NET unlinks the socket file of a bound unix socket when it closes
        if (File.Exists(_path)) File.Delete(_path);
    }
}
