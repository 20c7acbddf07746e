using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// Each way of not reaching the engine, provoked for real, gets its own problem and fix, exit 1 and no stack trace:
/// a unix socket nobody listens on, TCP with nothing listening, a DOCKER_HOST that is no address, and a socket this
/// user may not open (the most common Linux learner error, where "start the engine" would be the wrong advice).
/// </summary>
public sealed class EngineFaultTests
{
    private static void AssertNoStackTrace(CliRun run)
    {
        Assert.DoesNotContain("Unhandled exception", run.Output + run.Error);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.DoesNotContain("AggregateException", run.Output + run.Error);
    }

    [Fact]
    public async Task Doctor_over_tcp_with_nothing_listening_says_so_and_names_DOCKER_HOST()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var run = await CoursewareProcess.RunAsync(["doctor"], new Dictionary<string, string?> { ["DOCKER_HOST"] = "tcp://127.0.0.1:1" });

        Assert.True(run.ExitCode == 1, run.ToString());
        AssertNoStackTrace(run);
        Assert.Contains("✗ Docker engine   Nothing listens at tcp://127.0.0.1:1 (connection refused).", run.Output);
        Assert.Contains("fix: Start the engine that should listen at tcp://127.0.0.1:1, or correct DOCKER_HOST", run.Output);
    }

    [Fact]
    public async Task Run_over_tcp_with_nothing_listening_fails_the_connect_cell_with_the_fix_and_no_crash()
    {
        var output = Paths.NewOutputDirectory("tcp");
        var run = await CoursewareProcess.RunAsync(["run", Repo.PathOf("notebooks", "01-exposing-ports.ipynb"), "--output", output, "--format", "ipynb"],
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "tcp://127.0.0.1:1" });

        Assert.True(run.ExitCode == 1, run.ToString());
        AssertNoStackTrace(run);
        Assert.Contains("EngineUnreachableException: Nothing listens at tcp://127.0.0.1:1 (connection refused).", run.Output);
        Assert.DoesNotContain("clean-up failed", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "01-exposing-ports.ipynb")), run.ToString());
    }

    [Theory]
    [InlineData("bogus://x", "The URI scheme 'bogus' is not supported.")]
    [InlineData("tcp://", "Invalid URI")]
    [InlineData("ssh://learner@localhost", "SSH are not supported")]
    public async Task A_malformed_DOCKER_HOST_is_named_as_the_thing_to_correct(string host, string reason)
    {
        var run = await CoursewareProcess.RunAsync(["doctor"], new Dictionary<string, string?> { ["DOCKER_HOST"] = host });

        Assert.True(run.ExitCode == 1, run.ToString());
        AssertNoStackTrace(run);
        Assert.Contains($"✗ Docker engine   DOCKER_HOST '{host}' is not a Docker engine address (", run.Output);
        Assert.Contains(reason, run.Output);
        Assert.Contains("fix: Use the form the docker CLI takes: unix:///var/run/docker.sock or tcp://HOST:2375", run.Output);
        Assert.DoesNotContain("Start the engine", run.Output);
    }

    [Fact]
    public async Task A_socket_file_nobody_listens_on_is_an_engine_that_stopped()
    {
        // What a crashed dockerd leaves behind: the socket file exists, nothing accepts on it. A socket bound but
        // never listening is refused the same way (.NET would delete the file if the socket were closed).
        var path = Path.Combine(Path.GetTempPath(), $"courseware-stale-{Guid.NewGuid():N}.sock");
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        bound.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        try
        {
            var run = await CoursewareProcess.RunAsync(["doctor"], new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + path });

            Assert.True(run.ExitCode == 1, run.ToString());
            AssertNoStackTrace(run);
            Assert.Contains($"No Docker engine listens on {path} (connection refused)", run.Output);
            Assert.Contains("fix: Start the engine", run.Output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [RootFact]
    public async Task A_user_not_in_the_docker_group_is_told_to_join_it_not_to_start_the_engine()
    {
        // The engine runs (the other tests use it); 'nobody' is a real account outside the socket's group.
        var run = await CoursewareProcess.RunAsync(["doctor"], user: Prerequisites.UnprivilegedUser);

        Assert.True(run.ExitCode == 1, run.ToString());
        AssertNoStackTrace(run);
        var socket = EngineSocket.UnixPath ?? EngineSocket.DefaultPath; // the rootful socket, or a rootless engine's under /run/user
        Assert.Contains($"✗ Docker engine   This user (nobody) may not use the Docker engine's socket {socket}: permission denied.", run.Output);
        Assert.Contains("fix: Join the docker group: 'sudo usermod -aG docker $USER', then log out and in again", run.Output);
        Assert.Contains("rootless Docker", run.Output);
        Assert.DoesNotContain("Start the engine", run.Output);
    }

    [RootFact]
    public async Task The_ICMP_line_says_its_reason_once()
    {
        // As an unprivileged user, where the kernel's ping_group_range may refuse ICMP sockets (Debian's default).
        var run = await CoursewareProcess.RunAsync(["doctor"], user: Prerequisites.UnprivilegedUser);

        var icmp = Assert.Single(run.Lines, l => l.Contains(" ICMP ", StringComparison.Ordinal));
        Assert.True(icmp.Split("ICMP").Length <= 3, icmp); // the check's name, and at most once in the sentence
        Assert.DoesNotContain("sysctl", icmp);              // the fix is on its own line
    }
}
