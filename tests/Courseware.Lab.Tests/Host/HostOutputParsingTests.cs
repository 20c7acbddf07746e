namespace Courseware.Lab.Tests.Host;

/// <summary>The host tools' output as the engines of the CI legs print it, read into rows.</summary>
public sealed class HostOutputParsingTests
{
    [Fact]
    public void Iptables_nat_rules_become_chain_protocol_match_target_and_to()
    {
        const string output = """
            -P PREROUTING ACCEPT
            -N DOCKER
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
            -A DOCKER -i docker0 -j RETURN
            -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
            -A DOCKER -d 127.0.0.1/32 ! -i docker0 -p udp -m udp --dport 5353 -m comment --comment "a b" -j DNAT --to-destination 172.17.0.3:53
            """;

        var rules = IptablesRules.Parse(output, NatRules.Chains.ToList());

        Assert.Equal([
            new NatRule("POSTROUTING", "all", "-s 172.17.0.0/16 ! -o docker0", "MASQUERADE", "", "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"),
            new NatRule("POSTROUTING", "tcp", "-s 172.17.0.2/32 -d 172.17.0.2/32 --dport 80", "MASQUERADE", "", "-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE"),
            new NatRule("DOCKER", "all", "-i docker0", "RETURN", "", "-A DOCKER -i docker0 -j RETURN"),
            new NatRule("DOCKER", "tcp", "! -i docker0 --dport 8080", "DNAT", "172.17.0.2:80", "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"),
            new NatRule("DOCKER", "udp", "-d 127.0.0.1/32 ! -i docker0 --dport 5353 -m comment --comment \"a b\"", "DNAT", "172.17.0.3:53",
                "-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p udp -m udp --dport 5353 -m comment --comment \"a b\" -j DNAT --to-destination 172.17.0.3:53"),
        ], rules);
        Assert.Equal("172.17.0.0/16", rules[0].Source);
        Assert.Equal(8080, rules[3].DestinationPort);
        Assert.Null(rules[0].DestinationPort);
        Assert.Equal("", rules[2].Source);
    }

    [Fact]
    public void Ss_rows_give_protocol_address_port_and_process()
    {
        const string output = """
            Netid State  Recv-Q Send-Q  Local Address:Port  Peer Address:Port Process
            udp   UNCONN 0      0          127.0.0.11%lo:41234      0.0.0.0:*
            tcp   LISTEN 0      9           127.0.0.1:8080       0.0.0.0:*    users:(("httpd",pid=16962,fd=3))
            tcp   LISTEN 0      4096             [::]:80            [::]:*    users:(("nginx",pid=7,fd=6),("nginx",pid=1,fd=6))
            tcp   LISTEN 0      128                 *:2375              *:*
            """;

        Assert.Equal([
            new ListeningSocket("udp", "127.0.0.11", 41234, ""),
            new ListeningSocket("tcp", "127.0.0.1", 8080, "httpd (pid 16962)"),
            new ListeningSocket("tcp", "::", 80, "nginx (pid 7)"),
            new ListeningSocket("tcp", "*", 2375, ""),
        ], SsOutput.Parse(output));
        Assert.True(new ListeningSocket("tcp", "::1", 80, "").LoopbackOnly);
        Assert.False(new ListeningSocket("tcp", "0.0.0.0", 80, "").LoopbackOnly);
    }

    [Fact]
    public void A_packet_inside_a_vxlan_packet_belongs_to_it()
    {
        // tcpdump prints the frame a VXLAN packet carries on a line of its own, without a time (lesson 07's overlay).
        const string output = """
            16:10:00.100000 IP 172.21.0.4.41235 > 172.21.0.2.4789: VXLAN, flags [I] (0x08), vni 4097
            IP 10.0.1.2 > 10.0.1.3: ICMP echo request, id 9, seq 0, length 64
            16:10:00.100300 IP 172.21.0.2.41235 > 172.21.0.4.4789: VXLAN, flags [I] (0x08), vni 4097
            IP 10.0.1.3 > 10.0.1.2: ICMP echo reply, id 9, seq 0, length 64
            tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
            """;

        var packets = TcpdumpOutput.Parse(output);

        Assert.Equal([
            new CapturedPacket("16:10:00.100000", "172.21.0.4:41235", "172.21.0.2:4789", "IP", "VXLAN, flags [I] (0x08), vni 4097 → inside: IP 10.0.1.2 > 10.0.1.3: ICMP echo request, id 9, seq 0, length 64"),
            new CapturedPacket("16:10:00.100300", "172.21.0.2:41235", "172.21.0.4:4789", "IP", "VXLAN, flags [I] (0x08), vni 4097 → inside: IP 10.0.1.3 > 10.0.1.2: ICMP echo reply, id 9, seq 0, length 64"),
        ], packets);
    }

    [Fact]
    public void Tcpdump_lines_give_time_endpoints_protocol_and_summary()
    {
        const string output = """
            12:20:02.537093 IP 172.17.0.1.59812 > 172.17.0.2.80: Flags [S], seq 2815219919, win 64240, length 0
            12:20:02.537682 IP 172.17.0.2.80 > 172.17.0.1.59812: Flags [P.], seq 1:232, ack 126, win 64, length 231: HTTP: HTTP/1.1 404 Not Found
            12:20:03.000001 IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 7, seq 1, length 64
            12:20:03.100000 IP 172.17.0.3.40000 > 127.0.0.11.53: 4242+ A? web. (21)
            12:20:03.200000 IP 10.0.0.1.68 > 10.0.0.2.67: UDP, length 300
            12:20:03.300000 IP6 fe80::1.546 > ff02::1:2.547: dhcp6 solicit
            12:20:03.400000 ARP, Request who-has 172.17.0.2 tell 172.17.0.1, length 28
            tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
            """;

        var packets = TcpdumpOutput.Parse(output);

        Assert.Equal([
            new CapturedPacket("12:20:02.537093", "172.17.0.1:59812", "172.17.0.2:80", "TCP", "Flags [S], seq 2815219919, win 64240, length 0"),
            new CapturedPacket("12:20:02.537682", "172.17.0.2:80", "172.17.0.1:59812", "TCP", "Flags [P.], seq 1:232, ack 126, win 64, length 231: HTTP: HTTP/1.1 404 Not Found"),
            new CapturedPacket("12:20:03.000001", "172.17.0.2", "172.17.0.3", "ICMP", "ICMP echo request, id 7, seq 1, length 64"),
            new CapturedPacket("12:20:03.100000", "172.17.0.3:40000", "127.0.0.11:53", "UDP", "4242+ A? web. (21)"),
            new CapturedPacket("12:20:03.200000", "10.0.0.1:68", "10.0.0.2:67", "UDP", "UDP, length 300"),
            new CapturedPacket("12:20:03.300000", "[fe80::1]:546", "[ff02::1:2]:547", "IP", "dhcp6 solicit"),
            new CapturedPacket("12:20:03.400000", "172.17.0.1", "172.17.0.2", "ARP", "Request who-has 172.17.0.2 tell 172.17.0.1, length 28"),
        ], packets);
        Assert.Equal(("172.17.0.1", "172.17.0.2"), (packets[0].SourceAddress, packets[0].DestinationAddress));
        Assert.Equal(("fe80::1", "172.17.0.2"), (packets[5].SourceAddress, packets[2].SourceAddress));
    }
}
