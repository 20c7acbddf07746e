namespace Courseware.Lab.Tests.Support;

/// <summary>
/// The container most tests need: the base image doing nothing for ten minutes (docker run -d --name NAME busybox:stable
/// sleep 600), with whatever network, ports or aliases the test gives it.
/// </summary>
public static class Sleeper
{
    public static Task<Container> RunAsync(DockerLab lab, string name, RunOptions? options = null) =>
        lab.RunAsync(LabImages.Base, (options ?? new RunOptions()) with { Name = name, Command = ["sleep", "600"], Interactive = false });
}
