namespace Courseware.Lab.Tests.Networks;

/// <summary>busybox nslookup's answers: the server's own address comes first and is not an answer.</summary>
public sealed class NslookupParsingTests
{
    [Fact]
    public void The_answer_addresses_follow_the_name_and_the_server_is_skipped()
    {
        const string output = """
            Server:		127.0.0.11
            Address:	127.0.0.11:53

            Non-authoritative answer:
            Name:	web
            Address: 172.18.0.2

            *** Can't find web: No answer

            """;

        Assert.Equal(["172.18.0.2"], NetworkCommands.ParseNslookup(output));
    }

    [Fact]
    public void An_alias_shared_by_two_containers_gives_both_addresses_once()
    {
        const string output = """
            Server:		127.0.0.11
            Address:	127.0.0.11:53

            Non-authoritative answer:
            Name:	db
            Address: 172.18.0.3
            Name:	db
            Address: 172.18.0.4
            Name:	db
            Address: 172.18.0.3

            """;

        Assert.Equal(["172.18.0.3", "172.18.0.4"], NetworkCommands.ParseNslookup(output));
    }

    [Fact]
    public void Older_busybox_numbers_its_addresses_and_appends_the_name()
    {
        const string output = """
            Server:    127.0.0.11
            Address 1: 127.0.0.11

            Name:      web
            Address 1: 172.18.0.2 web.labnet
            """;

        Assert.Equal(["172.18.0.2"], NetworkCommands.ParseNslookup(output));
    }

    [Theory]
    [InlineData("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find nosuch: NXDOMAIN\n")]
    [InlineData(";; connection timed out; no servers could be reached\n")]
    [InlineData("nslookup: write to '127.0.0.11': Connection refused\n")]
    [InlineData("")]
    public void A_name_that_does_not_resolve_has_no_addresses(string output) =>
        Assert.Empty(NetworkCommands.ParseNslookup(output));

    [Fact]
    public void An_IPv6_answer_is_an_address_too()
    {
        const string output = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\tweb\nAddress: fd00::2\n";

        Assert.Equal(["fd00::2"], NetworkCommands.ParseNslookup(output));
    }
}
