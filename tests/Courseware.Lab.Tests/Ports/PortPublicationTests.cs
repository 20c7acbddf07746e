using System.Text;
using Docker.DotNet.Models;

namespace Courseware.Lab.Tests.Ports;

public class PortPublicationTests
{
    // Expectations taken from docker CLI 28.2.2 (API 1.41) against Engine 20.10.24, by running
    //   docker create -p SPEC busybox:stable
    //   docker inspect --format '{{json .HostConfig.PortBindings}} {{json .Config.ExposedPorts}}' ID
    // The last column is that inspect output verbatim.
    [Theory]
    // spec, HostIp, host start, host end, container start, container end, protocol, ToString, docker inspect
    [InlineData("8080:80", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("127.0.0.1:8080:80", "127.0.0.1", 8080, 8080, 80, 80, "tcp", "127.0.0.1:8080:80", """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("127.0.0.1::80", "127.0.0.1", 0, 0, 80, 80, "tcp", "127.0.0.1::80", """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("0.0.0.0:8080:80", "0.0.0.0", 8080, 8080, 80, 80, "tcp", "0.0.0.0:8080:80", """{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("0.0.0.0::80/udp", "0.0.0.0", 0, 0, 80, 80, "udp", "0.0.0.0::80/udp", """{"80/udp":[{"HostIp":"0.0.0.0","HostPort":""}]} {"80/udp":{}}""")]
    [InlineData(":80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("::80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("65535:65535", null, 65535, 65535, 65535, 65535, "tcp", "65535:65535", """{"65535/tcp":[{"HostIp":"","HostPort":"65535"}]} {"65535/tcp":{}}""")]
    [InlineData("1:1", null, 1, 1, 1, 1, "tcp", "1:1", """{"1/tcp":[{"HostIp":"","HostPort":"1"}]} {"1/tcp":{}}""")]
    // Leading zeros are read as decimal and dropped on the wire.
    [InlineData("080", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("080:80", null, 80, 80, 80, 80, "tcp", "80:80", """{"80/tcp":[{"HostIp":"","HostPort":"80"}]} {"80/tcp":{}}""")]
    [InlineData("8080:080", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    // Host port 0 is random too, but travels as "0", not "".
    [InlineData("0:80", null, 0, 0, 80, 80, "tcp", "0:80", """{"80/tcp":[{"HostIp":"","HostPort":"0"}]} {"80/tcp":{}}""")]
    [InlineData("0-0:80", null, 0, 0, 80, 80, "tcp", "0:80", """{"80/tcp":[{"HostIp":"","HostPort":"0"}]} {"80/tcp":{}}""")]
    public void Accepts_simple_specs_like_docker(
        string spec, string? hostIp, int hostStart, int hostEnd, int containerStart, int containerEnd,
        string protocol, string canonical, string dockerInspect) =>
        AssertValid(spec, hostIp, hostStart, hostEnd, containerStart, containerEnd, protocol, canonical, dockerInspect);

    // Expectations taken from docker CLI 28.2.2 (API 1.41) against Engine 20.10.24 (docker create + docker inspect).
    [Theory]
    [InlineData("8080:80/udp", null, 8080, 8080, 80, 80, "udp", "8080:80/udp", """{"80/udp":[{"HostIp":"","HostPort":"8080"}]} {"80/udp":{}}""")]
    [InlineData("80/tcp", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("80/sctp", null, 0, 0, 80, 80, "sctp", "80/sctp", """{"80/sctp":[{"HostIp":"","HostPort":""}]} {"80/sctp":{}}""")]
    [InlineData("8080:80/TCP", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("8080:80/Udp", null, 8080, 8080, 80, 80, "udp", "8080:80/udp", """{"80/udp":[{"HostIp":"","HostPort":"8080"}]} {"80/udp":{}}""")]
    [InlineData("8080:80/SCTP", null, 8080, 8080, 80, 80, "sctp", "8080:80/sctp", """{"80/sctp":[{"HostIp":"","HostPort":"8080"}]} {"80/sctp":{}}""")]
    // docker only looks at the text between the first and second '/', and an empty protocol means tcp.
    [InlineData("8080:80/", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("80/tcp/udp", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("80/udp/xyz", null, 0, 0, 80, 80, "udp", "80/udp", """{"80/udp":[{"HostIp":"","HostPort":""}]} {"80/udp":{}}""")]
    [InlineData("80//udp", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    public void Accepts_protocols_like_docker(
        string spec, string? hostIp, int hostStart, int hostEnd, int containerStart, int containerEnd,
        string protocol, string canonical, string dockerInspect) =>
        AssertValid(spec, hostIp, hostStart, hostEnd, containerStart, containerEnd, protocol, canonical, dockerInspect);

    // Expectations taken from docker CLI 28.2.2 (API 1.41) against Engine 20.10.24 (docker create + docker inspect).
    [Theory]
    [InlineData("8000-8001:80-81", null, 8000, 8001, 80, 81, "tcp", "8000-8001:80-81", """{"80/tcp":[{"HostIp":"","HostPort":"8000"}],"81/tcp":[{"HostIp":"","HostPort":"8001"}]} {"80/tcp":{},"81/tcp":{}}""")]
    [InlineData("80-81", null, 0, 0, 80, 81, "tcp", "80-81", """{"80/tcp":[{"HostIp":"","HostPort":""}],"81/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{},"81/tcp":{}}""")]
    [InlineData("65534-65535", null, 0, 0, 65534, 65535, "tcp", "65534-65535", """{"65534/tcp":[{"HostIp":"","HostPort":""}],"65535/tcp":[{"HostIp":"","HostPort":""}]} {"65534/tcp":{},"65535/tcp":{}}""")]
    [InlineData("127.0.0.1:8000-8001:80-81", "127.0.0.1", 8000, 8001, 80, 81, "tcp", "127.0.0.1:8000-8001:80-81", """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8000"}],"81/tcp":[{"HostIp":"127.0.0.1","HostPort":"8001"}]} {"80/tcp":{},"81/tcp":{}}""")]
    [InlineData("127.0.0.1::80-81", "127.0.0.1", 0, 0, 80, 81, "tcp", "127.0.0.1::80-81", """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":""}],"81/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]} {"80/tcp":{},"81/tcp":{}}""")]
    [InlineData("8000-8001:80-81/udp", null, 8000, 8001, 80, 81, "udp", "8000-8001:80-81/udp", """{"80/udp":[{"HostIp":"","HostPort":"8000"}],"81/udp":[{"HostIp":"","HostPort":"8001"}]} {"80/udp":{},"81/udp":{}}""")]
    // A host range against one container port is sent as a range: the engine picks one free port in it.
    [InlineData("8000-8010:80", null, 8000, 8010, 80, 80, "tcp", "8000-8010:80", """{"80/tcp":[{"HostIp":"","HostPort":"8000-8010"}]} {"80/tcp":{}}""")]
    [InlineData("8000-8001:80-80", null, 8000, 8001, 80, 80, "tcp", "8000-8001:80", """{"80/tcp":[{"HostIp":"","HostPort":"8000-8001"}]} {"80/tcp":{}}""")]
    [InlineData("0-5:80", null, 0, 5, 80, 80, "tcp", "0-5:80", """{"80/tcp":[{"HostIp":"","HostPort":"0-5"}]} {"80/tcp":{}}""")]
    [InlineData("8000-8000:80", null, 8000, 8000, 80, 80, "tcp", "8000:80", """{"80/tcp":[{"HostIp":"","HostPort":"8000"}]} {"80/tcp":{}}""")]
    [InlineData("80-80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("0-1:80-81", null, 0, 1, 80, 81, "tcp", "0-1:80-81", """{"80/tcp":[{"HostIp":"","HostPort":"0"}],"81/tcp":[{"HostIp":"","HostPort":"1"}]} {"80/tcp":{},"81/tcp":{}}""")]
    // docker reads only the first two numbers of "a-b-c".
    [InlineData("80-81-82", null, 0, 0, 80, 81, "tcp", "80-81", """{"80/tcp":[{"HostIp":"","HostPort":""}],"81/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{},"81/tcp":{}}""")]
    [InlineData("8000-8001-9000:80", null, 8000, 8001, 80, 80, "tcp", "8000-8001:80", """{"80/tcp":[{"HostIp":"","HostPort":"8000-8001"}]} {"80/tcp":{}}""")]
    public void Accepts_ranges_like_docker(
        string spec, string? hostIp, int hostStart, int hostEnd, int containerStart, int containerEnd,
        string protocol, string canonical, string dockerInspect) =>
        AssertValid(spec, hostIp, hostStart, hostEnd, containerStart, containerEnd, protocol, canonical, dockerInspect);

    // Expectations taken from docker CLI 28.2.2 (API 1.41) against Engine 20.10.24 (docker create + docker inspect).
    // The engine stores the address as written, minus brackets: no normalisation, case kept.
    [Theory]
    [InlineData("[::1]:8080:80", "::1", 8080, 8080, 80, 80, "tcp", "[::1]:8080:80", """{"80/tcp":[{"HostIp":"::1","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[::1]::80", "::1", 0, 0, 80, 80, "tcp", "[::1]::80", """{"80/tcp":[{"HostIp":"::1","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("[::1]:8080:80/udp", "::1", 8080, 8080, 80, 80, "udp", "[::1]:8080:80/udp", """{"80/udp":[{"HostIp":"::1","HostPort":"8080"}]} {"80/udp":{}}""")]
    [InlineData("[::]:8080:80", "::", 8080, 8080, 80, 80, "tcp", "[::]:8080:80", """{"80/tcp":[{"HostIp":"::","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[0:0:0:0:0:0:0:1]:8080:80", "0:0:0:0:0:0:0:1", 8080, 8080, 80, 80, "tcp", "[0:0:0:0:0:0:0:1]:8080:80", """{"80/tcp":[{"HostIp":"0:0:0:0:0:0:0:1","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[FE80::ABCD]:8080:80", "FE80::ABCD", 8080, 8080, 80, 80, "tcp", "[FE80::ABCD]:8080:80", """{"80/tcp":[{"HostIp":"FE80::ABCD","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[::ffff:127.0.0.1]:8080:80", "::ffff:127.0.0.1", 8080, 8080, 80, 80, "tcp", "[::ffff:127.0.0.1]:8080:80", """{"80/tcp":[{"HostIp":"::ffff:127.0.0.1","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[1:2:3:4:5:6:7::]:8080:80", "1:2:3:4:5:6:7::", 8080, 8080, 80, 80, "tcp", "[1:2:3:4:5:6:7::]:8080:80", """{"80/tcp":[{"HostIp":"1:2:3:4:5:6:7::","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[1:2:3:4:5:6:1.2.3.4]:8080:80", "1:2:3:4:5:6:1.2.3.4", 8080, 8080, 80, 80, "tcp", "[1:2:3:4:5:6:1.2.3.4]:8080:80", """{"80/tcp":[{"HostIp":"1:2:3:4:5:6:1.2.3.4","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[::1.2.3.4]:8080:80", "::1.2.3.4", 8080, 8080, 80, 80, "tcp", "[::1.2.3.4]:8080:80", """{"80/tcp":[{"HostIp":"::1.2.3.4","HostPort":"8080"}]} {"80/tcp":{}}""")]
    // Brackets around IPv4, or around nothing, are accepted too.
    [InlineData("[127.0.0.1]:8080:80", "127.0.0.1", 8080, 8080, 80, 80, "tcp", "127.0.0.1:8080:80", """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[]:8080:80", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("[]::80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    // Without brackets docker splits on the last two colons, so these work as long as both ports are there.
    [InlineData("::1:8080:80", "::1", 8080, 8080, 80, 80, "tcp", "[::1]:8080:80", """{"80/tcp":[{"HostIp":"::1","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("::1::80", "::1", 0, 0, 80, 80, "tcp", "[::1]::80", """{"80/tcp":[{"HostIp":"::1","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("::::80", "::", 0, 0, 80, 80, "tcp", "[::]::80", """{"80/tcp":[{"HostIp":"::","HostPort":""}]} {"80/tcp":{}}""")]
    public void Accepts_ipv6_and_brackets_like_docker(
        string spec, string? hostIp, int hostStart, int hostEnd, int containerStart, int containerEnd,
        string protocol, string canonical, string dockerInspect) =>
        AssertValid(spec, hostIp, hostStart, hostEnd, containerStart, containerEnd, protocol, canonical, dockerInspect);

    // Expectations taken from docker CLI 28.2.2 (API 1.41) against Engine 20.10.24 (docker create + docker inspect).
    // The long form keeps only target, published and protocol: host_ip and unknown keys are silently dropped.
    [Theory]
    [InlineData("target=80,published=8080", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("target=80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("target=80,published=8080,protocol=udp", null, 8080, 8080, 80, 80, "udp", "8080:80/udp", """{"80/udp":[{"HostIp":"","HostPort":"8080"}]} {"80/udp":{}}""")]
    [InlineData("target=80,published=8080,host_ip=127.0.0.1", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("target=80,published=8080,mode=host", null, 8080, 8080, 80, 80, "tcp", "8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("x=1,target=80", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("target=80,published=", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("target=80,protocol=", null, 0, 0, 80, 80, "tcp", "80", """{"80/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{}}""")]
    [InlineData("target=80-81,published=8000-8001", null, 8000, 8001, 80, 81, "tcp", "8000-8001:80-81", """{"80/tcp":[{"HostIp":"","HostPort":"8000"}],"81/tcp":[{"HostIp":"","HostPort":"8001"}]} {"80/tcp":{},"81/tcp":{}}""")]
    public void Accepts_long_syntax_like_docker(
        string spec, string? hostIp, int hostStart, int hostEnd, int containerStart, int containerEnd,
        string protocol, string canonical, string dockerInspect) =>
        AssertValid(spec, hostIp, hostStart, hostEnd, containerStart, containerEnd, protocol, canonical, dockerInspect);

    // Expectations taken from docker CLI 28.2.2 (API 1.41): each spec was refused by `docker create -p SPEC`
    // with the error in the trailing comment.
    [Theory]
    [InlineData("", "container port is missing")] // no port specified: <empty>
    [InlineData("8080:", "container port is missing")] // no port specified: 8080:<empty>
    [InlineData("1.2.3.4::", "container port is missing")] // no port specified: 1.2.3.4::<empty>
    [InlineData("/tcp", "container port is missing")] // no port specified: /tcp<empty>
    [InlineData("8080:/udp", "container port is missing")] // no port specified: 8080:/udp<empty>
    [InlineData("published=8080", "'target' (the container port) is missing")] // no port specified: 8080:/tcp<empty>
    [InlineData("=80", "'=80' is not name=value")] // invalid publish opts format (should be name=value but got '=80')
    [InlineData("99999:80", "host port 99999 is out of range 1-65535")] // invalid hostPort: 99999
    [InlineData("8080:99999", "container port 99999 is out of range 1-65535")] // invalid containerPort: 99999
    [InlineData("65536", "container port 65536 is out of range 1-65535")] // invalid containerPort: 65536
    [InlineData("65535-65536", "container port 65536 is out of range 1-65535")] // invalid containerPort: 65535-65536
    [InlineData("99999999999999999999", "container port 99999999999999999999 is out of range 1-65535")] // invalid containerPort: 9999…
    [InlineData("abc", "container port 'abc' is not a port number")] // invalid containerPort: abc
    [InlineData("80:abc", "container port 'abc' is not a port number")] // invalid containerPort: abc
    [InlineData("target=abc", "container port 'abc' is not a port number")] // invalid containerPort: abc
    [InlineData("abc:80", "host port 'abc' is not a port number")] // invalid hostPort: abc
    [InlineData("1.2.3.4:80", "host port '1.2.3.4' is not a port number")] // invalid hostPort: 1.2.3.4
    [InlineData(" ", "container port ' ' is not a port number")] // invalid containerPort:
    [InlineData(" 80", "container port ' 80' is not a port number")] // invalid containerPort:  80
    [InlineData("80 ", "container port '80 ' is not a port number")] // invalid containerPort: 80
    [InlineData("8080:80 /udp", "container port '80 ' is not a port number")] // invalid containerPort: 80
    [InlineData("+80", "container port '+80' is not a port number")] // invalid containerPort: +80
    [InlineData("0x50", "container port '0x50' is not a port number")] // invalid containerPort: 0x50
    [InlineData("-80", "container port '-80' is not a port number")] // invalid containerPort: -80
    [InlineData("80-", "container port '80-' is not a port number")] // invalid containerPort: 80-
    [InlineData("-", "container port '-' is not a port number")] // invalid containerPort: -
    [InlineData("81-80", "container port range 81-80 is reversed (81 > 80)")] // invalid containerPort: 81-80
    [InlineData("8080:81-80", "container port range 81-80 is reversed (81 > 80)")] // invalid containerPort: 81-80
    [InlineData("1-0", "container port range 1-0 is reversed (1 > 0)")] // invalid containerPort: 1-0
    [InlineData("81-80:80", "host port range 81-80 is reversed (81 > 80)")] // invalid hostPort: 81-80
    [InlineData("8000-8002:80-81", "host port range 8000-8002 has 3 ports but container port range 80-81 has 2")] // invalid ranges specified for container and host Ports: 80-81 and 8000-8002
    [InlineData("8000-8001:80-82", "host port range 8000-8001 has 2 ports but container port range 80-82 has 3")] // invalid ranges specified …: 80-82 and 8000-8001
    [InlineData("8000:80-81", "host port 8000 has 1 port but container port range 80-81 has 2")] // invalid ranges specified …: 80-81 and 8000
    [InlineData("8080:80/foo", "protocol 'foo' is not one of tcp, udp, sctp")] // invalid proto: foo
    [InlineData("8080:80/ udp", "protocol ' udp' is not one of tcp, udp, sctp")] // invalid proto:  udp
    public void Rejects_ports_like_docker(string spec, string reason) => AssertInvalid(spec, reason);

    // Expectations taken from docker CLI 28.2.2 (API 1.41): each spec was refused by `docker create -p SPEC`
    // with the error in the trailing comment. docker checks the host IP with Go's net.ParseIP.
    [Theory]
    [InlineData("a.b.c.d:8080:80", "host IP 'a.b.c.d' is not an IP address")] // invalid IP address: a.b.c.d
    [InlineData("localhost:8080:80", "host IP 'localhost' is not an IP address")] // invalid IP address: localhost
    [InlineData("256.0.0.1:8080:80", "host IP '256.0.0.1' is not an IP address")] // invalid IP address: 256.0.0.1
    [InlineData("127.0.0.01:8080:80", "host IP '127.0.0.01' is not an IP address")] // invalid IP address: 127.0.0.01
    [InlineData("01.2.3.4:8080:80", "host IP '01.2.3.4' is not an IP address")] // invalid IP address: 01.2.3.4
    [InlineData("1.2.3:8080:80", "host IP '1.2.3' is not an IP address")] // invalid IP address: 1.2.3
    [InlineData("1.2.3.4.5:8080:80", "host IP '1.2.3.4.5' is not an IP address")] // invalid IP address: 1.2.3.4.5
    [InlineData("8080::80", "host IP '8080' is not an IP address")] // invalid IP address: 8080
    [InlineData("127.0.0.1:8080:80:90", "host IP '127.0.0.1:8080' is not an IP address; IPv6 host IPs go in brackets, e.g. [::1]:8080:80")] // invalid IP address: 127.0.0.1:8080
    [InlineData("1.2.3.4:::80", "host IP '1.2.3.4:' is not an IP address; IPv6 host IPs go in brackets, e.g. [::1]:8080:80")] // invalid IP address: 1.2.3.4:
    // Unbracketed IPv6 without both ports: the colons eat the address.
    [InlineData("::ffff:127.0.0.1", "host IP ':' is not an IP address; IPv6 host IPs go in brackets, e.g. [::1]:8080:80")] // invalid IP address: :
    [InlineData(":::80", "host IP ':' is not an IP address; IPv6 host IPs go in brackets, e.g. [::1]:8080:80")] // invalid IP address: :
    [InlineData("::1]:8080:80", "host IP '::1]' is not an IP address; IPv6 host IPs go in brackets, e.g. [::1]:8080:80")] // invalid IP address: ::1]
    [InlineData("[::1]:80", "host IP '[:' has unbalanced brackets; write IPv6 as [::1]:8080:80 or [::1]::80")] // invalid IP address [:: … missing ']' in address
    [InlineData("[::1]", "host IP '[' has unbalanced brackets; write IPv6 as [::1]:8080:80 or [::1]::80")] // invalid IP address [: … missing ']' in address
    [InlineData("[::1:8080:80", "host IP '[::1' has unbalanced brackets; write IPv6 as [::1]:8080:80 or [::1]::80")] // … missing ']' in address
    [InlineData("[::1]x:8080:80", "host IP '[::1]x' has unbalanced brackets; write IPv6 as [::1]:8080:80 or [::1]::80")] // … missing port in address
    [InlineData("[[::1]]:8080:80", "host IP '[[::1]]' has unbalanced brackets; write IPv6 as [::1]:8080:80 or [::1]::80")] // … missing port in address
    [InlineData("[fe80::1%eth0]:8080:80", "host IP 'fe80::1%eth0' is not an IP address")] // invalid IP address: fe80::1%eth0
    [InlineData("[1:2:3:4:5:6:7:8::]:8080:80", "host IP '1:2:3:4:5:6:7:8::' is not an IP address")] // invalid IP address: 1:2:3:4:5:6:7:8::
    [InlineData("[1:2:3:4:5:1.2.3.4]:8080:80", "host IP '1:2:3:4:5:1.2.3.4' is not an IP address")] // invalid IP address: 1:2:3:4:5:1.2.3.4
    [InlineData("[00001::]:8080:80", "host IP '00001::' is not an IP address")] // invalid IP address: 00001::
    [InlineData("[::01.2.3.4]:8080:80", "host IP '::01.2.3.4' is not an IP address")] // invalid IP address: ::01.2.3.4
    [InlineData("[1.2.3.4::]:8080:80", "host IP '1.2.3.4::' is not an IP address")] // invalid IP address: 1.2.3.4::
    [InlineData("[:1]:8080:80", "host IP ':1' is not an IP address")] // invalid IP address: :1
    [InlineData("[1:]:8080:80", "host IP '1:' is not an IP address")] // invalid IP address: 1:
    [InlineData("[1::2::3]:8080:80", "host IP '1::2::3' is not an IP address")] // invalid IP address: 1::2::3
    [InlineData("[g::1]:8080:80", "host IP 'g::1' is not an IP address")] // invalid IP address: g::1
    public void Rejects_host_ips_like_docker(string spec, string reason) => AssertInvalid(spec, reason);

    // Engine 20.10.24 accepts container port 0 (docker create and docker run both succeed, `docker port` shows
    // "0/tcp -> 127.0.0.1:18080") although nothing can ever answer there. Engine 29+ rejects it at create
    // (moby/moby#51684), so it is refused here on every engine.
    [Theory]
    [InlineData("0")]
    [InlineData("8080:0")]
    [InlineData("127.0.0.1::0/udp")]
    [InlineData("0-1")]
    public void Rejects_container_port_zero(string spec) => AssertInvalid(spec, "container port 0 is out of range 1-65535");

    // Expectations taken from docker CLI 28.2.2 (API 1.41) against Engine 20.10.24: several -p flags on one
    // docker create, then docker inspect. Specs are separated by '|'.
    [Theory]
    [InlineData("8080:80|8081:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"},{"HostIp":"","HostPort":"8081"}]} {"80/tcp":{}}""")]
    [InlineData("8080:80|8080:80", """{"80/tcp":[{"HostIp":"","HostPort":"8080"},{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{}}""")]
    [InlineData("8080:80|8080:80/udp", """{"80/tcp":[{"HostIp":"","HostPort":"8080"}],"80/udp":[{"HostIp":"","HostPort":"8080"}]} {"80/tcp":{},"80/udp":{}}""")]
    [InlineData("8080:80|80-81", """{"80/tcp":[{"HostIp":"","HostPort":"8080"},{"HostIp":"","HostPort":""}],"81/tcp":[{"HostIp":"","HostPort":""}]} {"80/tcp":{},"81/tcp":{}}""")]
    public void ApplyTo_merges_several_publications_like_docker(string specs, string dockerInspect)
    {
        var parameters = new CreateContainerParameters();
        specs.Split('|').Select(PortPublication.Parse).ApplyTo(parameters);
        Assert.Equal(dockerInspect, Inspect(parameters));
    }

    [Fact]
    public void ApplyTo_keeps_what_is_already_there()
    {
        var parameters = new CreateContainerParameters
        {
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["9000/tcp"] = default },
            HostConfig = new HostConfig
            {
                PublishAllPorts = true,
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    ["80/tcp"] = [new PortBinding { HostIP = "", HostPort = "8080" }],
                },
            },
        };
        new PortPublication[] { "127.0.0.1:8081:80" }.ApplyTo(parameters);
        Assert.True(parameters.HostConfig.PublishAllPorts);
        Assert.Equal(
            """{"80/tcp":[{"HostIp":"","HostPort":"8080"},{"HostIp":"127.0.0.1","HostPort":"8081"}]} {"80/tcp":{},"9000/tcp":{}}""",
            Inspect(parameters));
    }

    [Fact]
    public void ApplyTo_validates_hand_built_records_before_touching_anything()
    {
        var parameters = new CreateContainerParameters();
        var good = PortPublication.Tcp(8080, 80);
        var bad = new PortPublication { HostPortStart = 8000, HostPortEnd = 8002, ContainerPortStart = 80, ContainerPortEnd = 81 };
        var error = Assert.Throws<PortSpecException>(() => new[] { good, bad }.ApplyTo(parameters));
        Assert.Equal("host port range 8000-8002 has 3 ports but container port range 80-81 has 2", error.Reason);
        Assert.Null(parameters.HostConfig);
        Assert.Null(parameters.ExposedPorts);
    }

    [Fact]
    public void Hand_built_record_with_ends_left_unset_means_single_ports()
    {
        var parameters = new CreateContainerParameters();
        new[] { new PortPublication { HostPortStart = 8080, ContainerPortStart = 80, Protocol = "UDP" } }.ApplyTo(parameters);
        Assert.Equal("""{"80/udp":[{"HostIp":"","HostPort":"8080"}]} {"80/udp":{}}""", Inspect(parameters));
    }

    [Fact]
    public void Typed_helpers_equal_their_parsed_spec()
    {
        Assert.Equal(PortPublication.Parse("8080:80"), PortPublication.Tcp(8080, 80));
        Assert.Equal(PortPublication.Parse("[::1]:8080:80"), PortPublication.Tcp(8080, 80, "::1"));
        Assert.Equal(PortPublication.Parse("[::1]:8080:80"), PortPublication.Tcp(8080, 80, "[::1]"));
        Assert.Equal(PortPublication.Parse("80"), PortPublication.Random(80));
        Assert.Equal(PortPublication.Parse("80"), PortPublication.Tcp(0, 80));
        Assert.Equal(PortPublication.Parse("127.0.0.1::53/udp"), PortPublication.Random(53, "UDP", "127.0.0.1"));
        PortPublication implicitly = "8080:80";
        Assert.Equal(PortPublication.Tcp(8080, 80), implicitly);
    }

    [Theory]
    [InlineData(99999, 80, null, "99999:80", "host port 99999 is out of range 1-65535")]
    [InlineData(8080, 0, null, "8080:0", "container port 0 is out of range 1-65535")]
    [InlineData(8080, 80, "localhost", "localhost:8080:80", "host IP 'localhost' is not an IP address")]
    public void Typed_helpers_reject_what_docker_rejects(int hostPort, int containerPort, string? hostIp, string spec, string reason)
    {
        var error = Assert.Throws<PortSpecException>(() => PortPublication.Tcp(hostPort, containerPort, hostIp));
        Assert.Equal(spec, error.Spec);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Random_rejects_unknown_protocols() =>
        Assert.Equal("protocol 'foo' is not one of tcp, udp, sctp",
            Assert.Throws<PortSpecException>(() => PortPublication.Random(80, "foo")).Reason);

    [Theory]
    [InlineData("8080:80", "host 0.0.0.0:8080 → container 80/tcp")]
    [InlineData("127.0.0.1:8080:80/udp", "host 127.0.0.1:8080 → container 80/udp")]
    [InlineData("[::1]:8080:80", "host [::1]:8080 → container 80/tcp")]
    [InlineData("80", "a random host port on 0.0.0.0 → container 80/tcp")]
    [InlineData("0:80", "a random host port on 0.0.0.0 → container 80/tcp")]
    [InlineData("127.0.0.1::80-81", "a random host port on 127.0.0.1 for each port → container 80-81/tcp")]
    [InlineData("8000-8001:80-81", "host 0.0.0.0:8000-8001 → container 80-81/tcp")]
    [InlineData("8000-8010:80", "a host port from 0.0.0.0:8000-8010 (the engine picks a free one) → container 80/tcp")]
    public void Describe_explains_the_mapping(string spec, string description) =>
        Assert.Equal(description, PortPublication.Parse(spec).Describe());

    [Fact]
    public void TryParse_reports_instead_of_throwing()
    {
        Assert.False(PortPublication.TryParse(null, out var none, out var error));
        Assert.Null(none);
        Assert.Equal("container port is missing", error);
        Assert.True(PortPublication.TryParse("8080:80", out var publication, out error));
        Assert.Null(error);
        Assert.Equal(8080, publication.HostPortStart);
    }

    [Fact]
    public void The_exception_carries_spec_and_reason_for_the_learner()
    {
        var error = Assert.Throws<PortSpecException>(() => PortPublication.Parse("8080:80/foo"));
        Assert.Equal("8080:80/foo", error.Spec);
        Assert.Equal("'8080:80/foo' is not a valid port publication: protocol 'foo' is not one of tcp, udp, sctp.", error.Problem);
    }

    private static void AssertValid(
        string spec, string? hostIp, int hostStart, int hostEnd, int containerStart, int containerEnd,
        string protocol, string canonical, string dockerInspect)
    {
        var publication = PortPublication.Parse(spec);
        Assert.Equal(hostIp, publication.HostIp);
        Assert.Equal(hostStart, publication.HostPortStart);
        Assert.Equal(hostEnd, publication.HostPortEnd);
        Assert.Equal(containerStart, publication.ContainerPortStart);
        Assert.Equal(containerEnd, publication.ContainerPortEnd);
        Assert.Equal(protocol, publication.Protocol);
        Assert.Equal(canonical, publication.ToString());
        Assert.Equal(publication, PortPublication.Parse(publication.ToString()));

        var parameters = new CreateContainerParameters();
        new[] { publication }.ApplyTo(parameters);
        Assert.Equal(dockerInspect, Inspect(parameters));
    }

    private static void AssertInvalid(string spec, string reason)
    {
        var error = Assert.Throws<PortSpecException>(() => PortPublication.Parse(spec));
        Assert.Equal(spec, error.Spec);
        Assert.Equal(reason, error.Reason);
        Assert.False(PortPublication.TryParse(spec, out var publication, out var tryError));
        Assert.Null(publication);
        Assert.Equal(reason, tryError);
    }

    // Renders like `docker inspect --format '{{json .HostConfig.PortBindings}} {{json .Config.ExposedPorts}}'`:
    // Go sorts map keys by byte order.
    private static string Inspect(CreateContainerParameters parameters)
    {
        var text = new StringBuilder("{");
        foreach (var (port, bindings) in parameters.HostConfig!.PortBindings!.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (text.Length > 1) text.Append(',');
            text.Append($"\"{port}\":[");
            text.AppendJoin(',', bindings.Select(b => $"{{\"HostIp\":{Json(b.HostIP)},\"HostPort\":{Json(b.HostPort)}}}"));
            text.Append(']');
        }
        text.Append("} {");
        text.AppendJoin(',', parameters.ExposedPorts!.Keys.Order(StringComparer.Ordinal).Select(port => $"\"{port}\":{{}}"));
        return text.Append('}').ToString();
    }

    private static string Json(string? value) => value is null ? "null" : $"\"{value}\"";
}
