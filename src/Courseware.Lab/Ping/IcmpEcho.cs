using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Courseware.Lab;

/// <summary>
/// ICMP echo from this host, timed with a Stopwatch. System.Net.NetworkInformation.Ping reports whole milliseconds,
/// and a container on the same host answers in a fraction of one.
/// </summary>
internal static class IcmpEcho
{
    /// <summary>Opens an ICMP socket: an unprivileged "ping socket" where the kernel allows it, else a raw socket (root).</summary>
    public static Socket? TryOpen(out bool raw, out string? error)
    {
        raw = false;
        error = null;
        try
        {
            return new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Icmp);
        }
        catch (SocketException e) { error = e.Message; }
        try
        {
            raw = true;
            return new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        }
        catch (SocketException e)
        {
            // Only the cause: each caller says in its own sentence what it means and what to do about it.
            error = e.Message;
            return null;
        }
    }

    public static async Task<IReadOnlyList<PingReply>> PingAsync(Socket socket, bool raw, IPAddress address, int count, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var identifier = (ushort)(Environment.ProcessId & 0xffff);
        var replies = new List<PingReply>();
        var buffer = new byte[1500];
        var endpoint = new IPEndPoint(address, 0);
        for (var seq = 0; seq < count; seq++)
        {
            if (seq > 0) await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            var request = BuildEchoRequest(identifier, (ushort)seq);
            var stopwatch = Stopwatch.StartNew();
            await socket.SendToAsync(request, SocketFlags.None, endpoint, cancellationToken).ConfigureAwait(false);
            PingReply? reply = null;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(timeout);
            try
            {
                while (reply is null)
                {
                    var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token).ConfigureAwait(false);
                    var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                    if (received.RemoteEndPoint is IPEndPoint from && !from.Address.Equals(address)) continue;
                    var (offset, ttl) = raw ? ((buffer[0] & 0x0f) * 4, (int?)buffer[8]) : (0, null);
                    if (received.ReceivedBytes < offset + 8 || buffer[offset] != 0) continue; // 0 = echo reply
                    var replySeq = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + 6));
                    // A ping socket rewrites the identifier; a raw socket sees every reply on the host, so check ours.
                    if (raw && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + 4)) != identifier) continue;
                    if (replySeq != seq) continue;
                    reply = new PingReply(seq, elapsed, ttl ?? 64);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reply = new PingReply(seq, null, null);
            }
            replies.Add(reply);
        }
        return replies;
    }

    internal static byte[] BuildEchoRequest(ushort identifier, ushort sequence)
    {
        var packet = new byte[8 + 56];
        packet[0] = 8; // echo request
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        for (var i = 8; i < packet.Length; i++) packet[i] = (byte)i;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    internal static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (data.Length % 2 == 1) sum += (uint)(data[^1] << 8);
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
