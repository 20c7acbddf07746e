namespace Courseware.Lab.Tests.Swarm;

/// <summary>docker service create's flags as the lessons write them, and the CLI line they stand for (pure logic).</summary>
public sealed class ServiceOptionsTests
{
    [Theory]
    [InlineData("8088:80", 8088, 80, "ingress", "tcp", "8088:80")]
    [InlineData("53:53/udp", 53, 53, "ingress", "udp", "53:53/udp")]
    [InlineData("mode=host,target=80,published=8088", 8088, 80, "host", "tcp", "mode=host,target=80,published=8088")]
    [InlineData("published=8088,target=80", 8088, 80, "ingress", "tcp", "8088:80")]
    [InlineData("mode=host,target=80", 0, 80, "host", "tcp", "mode=host,target=80,published=0")]
    [InlineData("mode=host,target=53,published=5353,protocol=udp", 5353, 53, "host", "udp", "mode=host,target=53,published=5353,protocol=udp")]
    public void Publish_specs_parse_and_print_back(string spec, int published, int target, string mode, string protocol, string printed)
    {
        var port = ServicePort.Parse(spec);
        Assert.Equal((published, target, mode, protocol), (port.Published, port.Target, port.Mode, port.Protocol));
        Assert.Equal(printed, port.ToString());
    }

    [Theory]
    [InlineData("8088", "is not a --publish spec")]
    [InlineData("mode=host,published=8088", "names no target port")]
    [InlineData("mode=mesh,target=80", "is not a publish mode")]
    [InlineData("target=80,protocol=sctp", "is not a protocol")]
    [InlineData("99999:80", "out of range")]
    [InlineData("mode=host,target=80,color=red", "is not a --publish spec")]
    public void Bad_publish_specs_are_refused_with_the_reason(string spec, string reason)
    {
        var e = Assert.Throws<LabException>(() => ServicePort.Parse(spec));
        Assert.Contains(reason, e.Problem);
    }

    [Fact]
    public void The_command_line_names_every_flag_the_options_set()
    {
        Assert.Equal("docker service create --name web --replicas 3 --network labnet --endpoint-mode dnsrr exercise4",
            new ServiceOptions { Replicas = 3, Network = "labnet", EndpointMode = "dnsrr" }.ToCommandLine("web", "exercise4"));
        Assert.Equal("docker service create --name front --mode global --endpoint-mode dnsrr --publish mode=host,target=80,published=8088 exercise4",
            new ServiceOptions { Global = true, EndpointMode = "dnsrr", Publish = ["mode=host,target=80,published=8088"] }.ToCommandLine("front", "exercise4"));
        Assert.Equal("docker service create --name front --replicas 1 --publish 8088:80 exercise4",
            new ServiceOptions { Publish = ["8088:80"] }.ToCommandLine("front", "exercise4"));
        Assert.Equal("docker service create --name hello --replicas 3 --network crossnet --stop-grace-period 1s exercise4",
            new ServiceOptions { Replicas = 3, Network = "crossnet", StopGracePeriod = TimeSpan.FromSeconds(1) }.ToCommandLine("hello", "exercise4"));
    }

    [Fact]
    public void A_service_update_names_every_flag_it_sets()
    {
        Assert.Equal("docker service update --replicas 4 --constraint-add node.role==worker hello",
            new ServiceUpdate { Replicas = 4, ConstraintAdd = ["node.role==worker"] }.ToCommandLine("hello"));
        Assert.Equal("docker service update --network-add backnet hello", new ServiceUpdate { NetworkAdd = ["backnet"] }.ToCommandLine("hello"));
    }

    [Fact]
    public void A_node_container_shows_every_flag_it_runs_with()
    {
        var options = new RunOptions
        {
            Name = "node1",
            Hostname = "node1",
            Network = "lan",
            Interactive = false,
            CapAdd = ["SYS_ADMIN", "NET_ADMIN"],
            SecurityOpt = ["seccomp=unconfined"],
            CgroupNs = "host",
            Volumes = ["/sys/fs/cgroup:/sys/fs/cgroup:rw", "node1-data:/var/lib/docker"],
            Dns = ["127.0.0.1"],
            Command = ["dockerd", "--tls=false"],
        };
        Assert.Equal(
            "docker run -d --name node1 --network lan --hostname node1 --cap-add SYS_ADMIN --cap-add NET_ADMIN --security-opt seccomp=unconfined " +
            "--cgroupns host -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v node1-data:/var/lib/docker --dns 127.0.0.1 busybox dockerd --tls=false",
            options.ToCommandLine("busybox"));
        Assert.Contains("--privileged", (options with { Privileged = true }).ToCommandLine("docker:dind"));
    }
}
