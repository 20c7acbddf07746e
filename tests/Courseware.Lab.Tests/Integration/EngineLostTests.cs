using System.Net.Sockets;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// The engine goes away between two cells and comes back. The lab talks to the real engine through a socket this
/// test owns and forwards; closing it is the engine's socket disappearing as in a restart. The next call says what
/// happened (typed, with the fix); once the socket is back, the same lab answers again without reconnecting.
/// </summary>
public sealed class EngineLostTests
{
    [DockerFact]
    public async Task A_call_while_the_engine_is_gone_says_so_and_the_same_lab_works_again_when_it_is_back()
    {
        var engineSocket = (Environment.GetEnvironmentVariable("DOCKER_HOST") is { } h && h.StartsWith("unix://", StringComparison.Ordinal)) ? h["unix://".Length..] : "/var/run/docker.sock";
        var path = Path.Combine(Path.GetTempPath(), $"cw-lost-{Guid.NewGuid():N}.sock");
        var endpoint = "unix://" + path;

        var forwarder = SocketForwarder.Start(path, engineSocket);
        await using var lab = await DockerLab.ConnectAsync("test-engine-lost", new LabOptions { Endpoint = endpoint, RemoveLeftovers = false });
        Assert.NotNull(await lab.PsAsync());

        forwarder.Dispose(); // the engine's socket is gone
        var e = await Assert.ThrowsAsync<EngineUnreachableException>(() => lab.PsAsync());

        Assert.Equal(EngineFault.NotRunning, e.Fault);
        Assert.StartsWith("The engine answered earlier in this session but no longer does: it stopped or is restarting.", e.Problem);
        Assert.Contains(path, e.Problem);
        Assert.Contains("re-run the cells from the one that starts your containers", e.Fix);

        using (SocketForwarder.Start(path, engineSocket)) // back
            Assert.NotNull(await lab.PsAsync());
    }

    /// <summary>A unix socket that forwards each connection to the engine's socket, byte for byte.</summary>
    private sealed class SocketForwarder : IDisposable
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
}
