using System.Buffers.Binary;

namespace Courseware.Lab.Tests.Ping;

/// <summary>The Internet checksum (RFC 1071) of the echo requests this host sends itself.</summary>
public sealed class IcmpChecksumTests
{
    [Fact]
    public void The_RFC_1071_worked_example()
    {
        // RFC 1071 §3: 0001 f203 f4f5 f6f7 sums to 2ddf0, folds to ddf2; the checksum is its complement.
        Assert.Equal(0x220d, IcmpEcho.Checksum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]));
    }

    [Fact]
    public void An_odd_length_pads_the_last_byte_on_the_right()
    {
        Assert.Equal(unchecked((ushort)~0x0100), IcmpEcho.Checksum([0x01]));
        Assert.Equal(IcmpEcho.Checksum([0xab, 0xcd, 0xef, 0x00]), IcmpEcho.Checksum([0xab, 0xcd, 0xef]));
    }

    [Fact]
    public void A_header_only_echo_request()
    {
        // type 8, code 0, checksum 0, id 0x1234, seq 1: 0800 + 0000 + 1234 + 0001 = 1a35.
        Assert.Equal(0xe5ca, IcmpEcho.Checksum([0x08, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x01]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0x1234, 7)]
    [InlineData(0xffff, 0xffff)]
    public void A_built_request_verifies_to_zero_and_carries_its_id_and_sequence(int identifier, int sequence)
    {
        var packet = IcmpEcho.BuildEchoRequest((ushort)identifier, (ushort)sequence);

        Assert.Equal(8, packet[0]); // echo request
        Assert.Equal(0, packet[1]);
        Assert.Equal(identifier, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
        Assert.Equal(sequence, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6)));
        Assert.Equal(64, packet.Length); // 8 header + 56 data bytes, like ping
        // A receiver sums the packet including the checksum field: a correct one makes the complement 0.
        Assert.Equal(0, IcmpEcho.Checksum(packet));
    }
}
