namespace Courseware.Lab.Tests.CliTwin;

/// <summary>The CLI twin a cell shows is what a terminal would run: POSIX quoting, short ids, IPv6 brackets.</summary>
public sealed class CliTwinRenderingTests
{
    [Theory]
    [InlineData("exercise4", "exercise4")]
    [InlineData("busybox:stable", "busybox:stable")]
    [InlineData("127.0.0.1:8080:80/udp", "127.0.0.1:8080:80/udp")]
    [InlineData("KEY=value", "KEY=value")]
    [InlineData("echo out; echo err >&2", "'echo out; echo err >&2'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("a b", "'a b'")]
    [InlineData("", "''")]
    [InlineData("*.md", "'*.md'")]
    [InlineData("[::1]:8080:80", "'[::1]:8080:80'")]
    public void Quote_leaves_plain_words_and_single_quotes_the_rest(string word, string quoted) =>
        Assert.Equal(quoted, Courseware.Lab.CliTwin.Quote(word));

    [Fact]
    public void Exec_of_a_shell_command_is_quoted_as_one_argument()
    {
        var exec = new ExecResult("box", ["sh", "-c", "echo out; echo err >&2"], 0, "out\n", "err\n");

        Assert.Equal("docker exec box sh -c 'echo out; echo err >&2'", exec.CommandLine);
    }

    [Fact]
    public void Run_options_render_every_flag_quoted_the_same_way()
    {
        var options = new RunOptions
        {
            Name = "web",
            Network = "labnet",
            NetworkAliases = ["site"],
            Hostname = "web-1",
            Env = new Dictionary<string, string> { ["GREETING"] = "hello world" },
            Publish = ["8080:80", "[::1]:8081:80"],
            Command = ["sh", "-c", "httpd -f -p 80"],
            Interactive = false,
        };

        Assert.Equal("docker run -d --name web --network labnet --network-alias site --hostname web-1 -e 'GREETING=hello world' " +
                     "-p 8080:80 -p '[::1]:8081:80' exercise4 sh -c 'httpd -f -p 80'", options.ToCommandLine("exercise4"));
        Assert.Equal("docker run -d exercise4", new RunOptions().ToCommandLine("exercise4"));
        Assert.Equal("docker run -dit exercise4", new RunOptions { Interactive = true }.ToCommandLine("exercise4"));
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123", "0123456789ab")]
    [InlineData("0123456789abcdef0123", "0123456789ab")]
    [InlineData("abc", "abc")]
    public void Short_ids_are_twelve_hex_digits_without_the_algorithm(string id, string shortId) =>
        Assert.Equal(shortId, Courseware.Lab.CliTwin.ShortId(id));

    [Theory]
    [InlineData("::1", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("fd00::2", "[fd00::2]")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    public void IPv6_goes_in_brackets_before_a_port(string address, string host) =>
        Assert.Equal(host, Courseware.Lab.CliTwin.HostForPort(address));
}
