using Courseware.Lab.Tests.Support;
using System.Diagnostics;

namespace Courseware.Lab.Tests.Integration;

/// <summary>What a cell shows is what its docker CLI comment prints: inspect's raw JSON, the build log, a host command's helper.</summary>
public sealed class CliTwinTests : LabTest
{
    [DockerFact]
    public async Task Inspect_raw_json_is_exactly_what_docker_inspect_prints()
    {
        var name = Unique("raw");
        await Sleeper.RunAsync(Lab, name);
        var details = await Lab.InspectAsync(name);

        Assert.Equal(Cli("inspect", name), details.RawJson);
        // 20.10 still sends the deprecated top-level IPAddress; a re-serialization through the client's models dropped it.
        if (Lab.Engine.Version < new Version(28, 0)) Assert.Contains("\n            \"IPAddress\": \"", details.RawJson);
        if (Lab.Engine.Version < new Version(28, 0)) Assert.DoesNotContain("GwPriority", details.RawJson);
    }

    [DockerFact]
    public async Task Network_inspect_raw_json_is_exactly_what_docker_network_inspect_prints()
    {
        var net = Unique("rawnet");
        await Lab.Network.CreateAsync(net);
        var details = await Lab.Network.InspectAsync(net);

        Assert.Equal(Cli("network", "inspect", net), details.RawJson);
        Assert.DoesNotContain("\"EnableIPv4\": false", details.RawJson);
    }

    [DockerFact]
    public async Task Build_log_has_exactly_the_dockerfiles_steps_and_the_image_is_still_labelled()
    {
        var lines = new List<string>();
        var build = await Lab.BuildAsync("courseware-test-twin", Repo.PathOf("exercise4"), lines.Add);

        var instructions = File.ReadAllLines(Repo.PathOf("exercise4", "Dockerfile")).Count(l => l.Length > 0 && !l.StartsWith('#'));
        var steps = lines.Where(l => l.StartsWith("Step ", StringComparison.Ordinal)).ToList();
        Assert.Equal(instructions, steps.Count);
        Assert.All(steps, s => Assert.Contains($"/{instructions} : ", s));
        Assert.DoesNotContain(lines, l => l.Contains("LABEL", StringComparison.Ordinal));

        var labels = Cli("image", "inspect", "-f", "{{index .Config.Labels \"courseware.session\"}}", "courseware-test-twin");
        Assert.Equal(Lab.SessionId, labels.Trim());
        Assert.Equal(build.ImageId, Cli("image", "inspect", "-f", "{{.Id}}", "courseware-test-twin").Trim());
    }

    [DockerFact]
    public async Task A_host_commands_docker_command_pasted_into_a_shell_prints_what_the_library_got()
    {
        var name = Unique("local");
        await Lab.RunAsync(LabImages.Base, new RunOptions { Name = name, Command = ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/etc"], Interactive = false });
        var link = await Lab.Host.RunAsync("ip", "-o", "link", "show", "lo");
        var listening = await Lab.Host.ListeningAsync(name);

        Assert.Equal(link.Stdout.TrimEnd('\n'), DockerCli.ShellOk(link.CommandLine, Lab.Engine.ApiVersion).TrimEnd('\n'));
        Assert.Equal(listening.Command.Stdout.TrimEnd('\n'), DockerCli.ShellOk(listening.Command.CommandLine, Lab.Engine.ApiVersion).TrimEnd('\n'));
    }

    /// <summary>Runs the docker CLI against the same engine, at the engine's own API version (as the library asks).</summary>
    private string Cli(params string[] args) => DockerCli.Ok(args, Lab.Engine.ApiVersion).TrimEnd('\n');
}
