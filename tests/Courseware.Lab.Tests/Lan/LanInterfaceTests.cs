namespace Courseware.Lab.Tests.Lan;

/// <summary>Each neighbour's host interface is named after its subnet, so two lessons' neighbours never take each other's.</summary>
public sealed class LanInterfaceTests
{
    [Theory]
    [InlineData("10.250.0.1", "cw-lan0")]
    [InlineData("10.250.5.1", "cw-lan5")]
    [InlineData("10.251.255.1", "cw-lan255")]
    public void The_host_interface_is_named_after_the_subnet(string hostAddress, string expected)
    {
        Assert.Equal(expected, DockerLab.LanInterfaceFor(hostAddress));
        Assert.True(expected.Length <= 15, "Linux interface names have at most 15 characters");
    }

    [Fact]
    public void The_default_neighbour_keeps_its_interface() => Assert.Equal(DockerLab.LanInterface, DockerLab.LanInterfaceFor("10.250.0.1"));

    [Theory]
    [InlineData("fd00::1")]
    [InlineData("not-an-address")]
    public void A_host_address_that_is_not_ipv4_is_refused_with_the_fix(string hostAddress)
    {
        var e = Assert.Throws<LabException>(() => DockerLab.LanInterfaceFor(hostAddress));
        Assert.Contains("is not an IPv4 address", e.Problem);
        Assert.Contains("10.250.0.1", e.Fix);
    }
}
