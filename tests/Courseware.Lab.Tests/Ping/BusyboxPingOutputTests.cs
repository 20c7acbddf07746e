namespace Courseware.Lab.Tests.Ping;

/// <summary>What busybox ping prints (the lessons' containers), and iputils ping's variant, read into replies.</summary>
public sealed class BusyboxPingOutputTests
{
    // Recorded from busybox:stable (1.36) on this engine: `ping -c 2 127.0.0.1`.
    private const string TwoReplies = """
        PING 127.0.0.1 (127.0.0.1): 56 data bytes
        64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.051 ms
        64 bytes from 127.0.0.1: seq=1 ttl=64 time=0.077 ms

        --- 127.0.0.1 ping statistics ---
        2 packets transmitted, 2 packets received, 0% packet loss
        round-trip min/avg/max = 0.051/0.064/0.077 ms
        """;

    [Fact]
    public void Every_reply_line_becomes_a_reply_with_its_time_and_ttl()
    {
        var replies = BusyboxPingOutput.Parse(TwoReplies, expectedCount: 2);

        Assert.Equal([new PingReply(0, 0.051, 64), new PingReply(1, 0.077, 64)], replies);
        Assert.Equal("127.0.0.1", BusyboxPingOutput.ResolvedAddress(TwoReplies));
    }

    [Fact]
    public void A_missing_sequence_number_is_a_lost_packet_in_its_place()
    {
        const string output = """
            PING web (172.18.0.2): 56 data bytes
            64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.101 ms
            64 bytes from 172.18.0.2: seq=2 ttl=64 time=0.093 ms

            --- web ping statistics ---
            4 packets transmitted, 2 packets received, 50% packet loss
            """;

        var replies = BusyboxPingOutput.Parse(output, expectedCount: 4);

        Assert.Equal([true, false, true, false], replies.Select(r => r.Received));
        Assert.Equal([0, 1, 2, 3], replies.Select(r => r.Sequence));
        Assert.Equal("172.18.0.2", BusyboxPingOutput.ResolvedAddress(output));
    }

    [Fact]
    public void No_reply_at_all_is_every_packet_lost()
    {
        const string output = """
            PING 172.18.0.9 (172.18.0.9): 56 data bytes

            --- 172.18.0.9 ping statistics ---
            3 packets transmitted, 0 packets received, 100% packet loss
            """;

        var replies = BusyboxPingOutput.Parse(output, expectedCount: 3);

        Assert.Equal(3, replies.Count);
        Assert.All(replies, r => Assert.False(r.Received));
    }

    [Fact]
    public void A_name_that_does_not_resolve_has_no_address_and_the_expected_count_lost()
    {
        const string output = "ping: bad address 'nosuch'\n";

        Assert.Null(BusyboxPingOutput.ResolvedAddress(output));
        Assert.Equal(2, BusyboxPingOutput.Parse(output, expectedCount: 2).Count(r => !r.Received));
    }

    [Fact]
    public void Duplicate_replies_count_once()
    {
        const string output = """
            64 bytes from 172.17.0.2: seq=0 ttl=64 time=0.050 ms
            64 bytes from 172.17.0.2: seq=0 ttl=64 time=0.090 ms (DUP!)
            1 packets transmitted, 1 packets received, 0% packet loss
            """;

        Assert.Equal([new PingReply(0, 0.050, 64)], BusyboxPingOutput.Parse(output, expectedCount: 1));
    }

    [Fact]
    public void Iputils_numbers_from_one_and_is_read_from_zero_like_busybox()
    {
        const string output = """
            PING 172.17.0.2 (172.17.0.2) 56(84) bytes of data.
            64 bytes from 172.17.0.2: icmp_seq=1 ttl=64 time=0.049 ms
            64 bytes from 172.17.0.2: icmp_seq=2 ttl=64 time=0.061 ms

            --- 172.17.0.2 ping statistics ---
            2 packets transmitted, 2 received, 0% packet loss, time 1001ms
            """;

        var replies = BusyboxPingOutput.Parse(output, expectedCount: 2);

        Assert.Equal([new PingReply(0, 0.049, 64), new PingReply(1, 0.061, 64)], replies);
        Assert.Equal("172.17.0.2", BusyboxPingOutput.ResolvedAddress(output));
    }
}
