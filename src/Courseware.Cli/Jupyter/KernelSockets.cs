using NetMQ;
using NetMQ.Sockets;

namespace Courseware.Cli.Jupyter;

public enum KernelChannel { Shell, Control, Stdin, Iopub }

/// <summary>
/// The kernel's five ZeroMQ sockets, bound where the connection file says. NetMQ sockets are not thread-safe, so one
/// poller thread does all their receiving and sending: messages to send are queued to it from any thread, and received
/// messages leave it through <see cref="Received"/> (verified and parsed; a bad signature never gets that far).
/// The heartbeat is answered on that thread too, so a busy cell never makes the front end think the kernel died.
/// </summary>
public sealed class KernelSockets : IDisposable
{
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<(KernelChannel Channel, JupyterMessage Message)> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly MessageSigner _signer;
    private readonly TextWriter _log;

    public KernelSockets(ConnectionFile connection, TextWriter log)
    {
        _signer = new MessageSigner(connection.Key);
        _log = log;
        _shell.Bind(connection.Address(connection.ShellPort));
        _control.Bind(connection.Address(connection.ControlPort));
        _stdin.Bind(connection.Address(connection.StdinPort));
        _iopub.Bind(connection.Address(connection.IopubPort));
        _heartbeat.Bind(connection.Address(connection.HeartbeatPort));
        _shell.ReceiveReady += (_, e) => Receive(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Receive(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Receive(KernelChannel.Stdin, e.Socket);
        _heartbeat.ReceiveReady += (_, e) => e.Socket.SendMultipartMessage(e.Socket.ReceiveMultipartMessage());
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero)) SendNow(item.Channel, item.Message);
        };
        _poller = [_shell, _control, _stdin, _heartbeat, _outgoing];
    }

    /// <summary>A verified message from a front end, raised on the poller thread: hand work off, do not block it.</summary>
    public event Action<KernelChannel, JupyterMessage>? Received;

    public void Start() => _poller.RunAsync("jupyter-sockets");

    /// <summary>Queues a message for the poller thread to send; safe from any thread.</summary>
    public void Send(KernelChannel channel, JupyterMessage message) => _outgoing.Enqueue((channel, message));

    private void SendNow(KernelChannel channel, JupyterMessage message)
    {
        NetMQSocket socket = channel switch
        {
            KernelChannel.Shell => _shell,
            KernelChannel.Control => _control,
            KernelChannel.Stdin => _stdin,
            _ => _iopub,
        };
        var frames = new NetMQMessage();
        foreach (var frame in message.ToFrames(_signer)) frames.Append(frame);
        socket.SendMultipartMessage(frames);
    }

    private void Receive(KernelChannel channel, NetMQSocket socket)
    {
        var frames = socket.ReceiveMultipartMessage().Select(f => f.ToByteArray()).ToArray();
        var message = JupyterMessage.Parse(frames, _signer, out var problem);
        if (message is null)
        {
            _log.WriteLine($"[courseware kernel] {channel}: {problem}");
            return;
        }
        Received?.Invoke(channel, message);
    }

    public void Dispose()
    {
        // Whatever is queued (the last idle status, the shutdown reply) leaves before the sockets close.
        if (_poller.IsRunning)
        {
            var flush = new Task(() => { while (_outgoing.TryDequeue(out var item, TimeSpan.Zero)) SendNow(item.Channel, item.Message); });
            flush.Start(_poller);
            flush.Wait(TimeSpan.FromSeconds(2));
            _poller.Stop();
        }
        _poller.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Options.Linger = TimeSpan.FromMilliseconds(500);
            socket.Dispose();
        }
        _outgoing.Dispose();
    }
}
