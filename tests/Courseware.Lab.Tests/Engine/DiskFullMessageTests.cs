namespace Courseware.Lab.Tests.Engine;

/// <summary>
/// Which engine messages are a full disk, and what the error says on each kind of engine. The Linux case is also
/// provoked for real (Integration/EngineDiskFullTests); Docker Desktop's VM disk cannot be filled here.
/// </summary>
public sealed class DiskFullMessageTests
{
    private static EngineInfo Engine(bool desktop) =>
        new("unix:///var/run/docker.sock", "28.5.1", "1.51", "linux", desktop ? "Docker Desktop" : "Debian GNU/Linux 12 (bookworm)", "6.1.0", desktop)
        {
            DataRoot = "/var/lib/docker",
        };

    [Theory]
    [InlineData("write /var/lib/docker/image/overlay2/layerdb/mounts/0123/parent: no space left on device")]
    [InlineData("Error processing tar file(exit status 1): write /Dockerfile: No space left on device")]
    public void The_engines_no_space_messages_are_a_full_disk(string message)
    {
        var e = EngineDiskFull.From(message, Engine(desktop: false), "docker run -d web");

        Assert.NotNull(e);
        Assert.Equal(message, e.Details);
        Assert.Equal("/var/lib/docker", e.DataRoot);
        Assert.StartsWith("docker run -d web failed: the disk that holds the engine's data root /var/lib/docker is full (no space left on device).", e.Problem);
        Assert.Contains("'df -h /var/lib/docker'", e.Fix);
        Assert.DoesNotContain("Docker Desktop", e.Fix);
    }

    [Fact]
    public void On_Docker_Desktop_the_disk_is_the_VMs_and_its_size_is_a_setting()
    {
        var e = EngineDiskFull.From("write /var/lib/docker/x: no space left on device", Engine(desktop: true), "docker run -d web")!;

        Assert.StartsWith("docker run -d web failed: Docker Desktop's virtual disk (its data root /var/lib/docker is inside the VM) is full", e.Problem);
        Assert.Contains("Settings > Resources > Advanced, Disk image size", e.Fix);
        Assert.Contains("'courseware clean'", e.Fix);
        Assert.DoesNotContain("df -h", e.Fix);
    }

    [Fact]
    public void Other_engine_errors_are_not_a_full_disk()
    {
        Assert.Null(EngineDiskFull.From("Conflict. The container name \"/web\" is already in use", Engine(desktop: false), "docker run -d web"));
    }
}
