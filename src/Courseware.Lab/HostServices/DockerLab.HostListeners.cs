using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    // Process-wide, keyed by address and port: re-running a notebook's connect cell makes a new DockerLab in the same
    // kernel, and its listener cell must replace the earlier listener, not fail on a port this process still holds.
    private static readonly ConcurrentDictionary<(string Address, int Port), HostListener> HostListeners = new();

    /// <summary>
    /// Starts a small HTTP service on this host, in this process: <c>python3 -m http.server PORT --bind ADDRESS</c>.
    /// <paramref name="address"/> is 127.0.0.1 (loopback only), 0.0.0.0 (every IPv4 address of the host) or one address
    /// of the host, such as the bridge gateway. Port 0 lets the system pick a free one. A listener this process
    /// already runs on the same address and port is replaced; <see cref="CleanAsync"/> stops this session's listeners.
    /// </summary>
    public HostListener ListenOnHost(string address, int port = 0)
    {
        if (!IPAddress.TryParse(address, out var ip))
            throw new LabException($"'{address}' is not an IP address.", "Listen on 127.0.0.1 (this machine only), 0.0.0.0 (every address of the host) or one address of the host, e.g. the bridge gateway 172.17.0.1.");
        if (port is < 0 or > 65535)
            throw new LabException($"Port {port} is out of range 0-65535.", "Pick a port from 1024 to 65535, or 0 to let the system choose.");
        if (HostListeners.TryRemove((ip.ToString(), port), out var earlier)) earlier.Dispose();

        var listener = new TcpListener(ip, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Stop();
            throw e.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable => new LabException(
                    $"{address} is not an address of this machine, so nothing here can listen on it.",
                    Engine.IsRootless
                        ? "On a rootless engine the bridge and its gateway live inside rootlesskit's network namespace, not on the host: listen on 0.0.0.0 or 127.0.0.1 instead (ip -4 addr lists the host's addresses)."
                        : "ip -4 addr lists the host's addresses; docker network inspect bridge shows the bridge gateway.",
                    e.Message, e),
                SocketError.AddressAlreadyInUse => new LabException(
                    $"Port {port} on {address} is already in use on this host.",
                    FreeHostPortNear(port) is { } free ? $"Pick another port, e.g. {free} (ss -ltn lists the ports in use)." : "Pick another port (ss -ltn lists the ports in use).",
                    e.Message, e),
                SocketError.AccessDenied => new LabException(
                    $"Not allowed to listen on port {port}: ports below 1024 need privileges.",
                    "Pick a port from 1024 to 65535.", e.Message, e),
                _ => new LabException($"Could not listen on {address}:{port}: {e.Message}", "Pick another address or port.", e.Message, e),
            };
        }
        var started = new HostListener(SessionId, ip, listener);
        HostListeners[(started.Address, started.Port)] = started;
        return started;
    }

    /// <summary>The host listeners this session started and has not stopped.</summary>
    public IReadOnlyList<HostListener> HostListenersOfSession =>
        HostListeners.Values.Where(l => l.Session == SessionId).OrderBy(l => l.Port).ToList();

    private int StopHostListeners()
    {
        var mine = HostListenersOfSession;
        foreach (var listener in mine) listener.Dispose();
        return mine.Count;
    }

    internal static void Forget(HostListener listener) =>
        HostListeners.TryRemove(new KeyValuePair<(string, int), HostListener>((listener.Address, listener.Port), listener));
}
