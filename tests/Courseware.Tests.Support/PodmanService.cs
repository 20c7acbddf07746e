namespace Courseware.Tests.Support;

/// <summary>
/// <c>podman system service</c> on a socket of its own, with its storage, run state and network configuration in a
/// temp folder of its own: nothing of the machine's Docker engine is touched. It creates no bridge and no firewall
/// rule, since no container is ever started on it (Podman sets a network up only for a container that joins one).
/// Disposing stops the process it started and removes the folder.
/// </summary>
public sealed class PodmanService : IAsyncDisposable
{
    private readonly SocketDaemon _daemon;
    private readonly DirectoryInfo _folder;

    private PodmanService(SocketDaemon daemon, DirectoryInfo folder)
    {
        _daemon = daemon;
        _folder = folder;
    }

    /// <summary>The DOCKER_HOST that addresses it.</summary>
    public string Endpoint => "unix://" + SocketPath(_folder);

    private static string SocketPath(DirectoryInfo folder) => Path.Combine(folder.FullName, "podman.sock");

    public static async Task<PodmanService> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("courseware-podman-");
        string Dir(string name) => Directory.CreateDirectory(Path.Combine(folder.FullName, name)).FullName;
        try
        {
            var daemon = await SocketDaemon.StartAsync(Prerequisites.PodmanPath,
            [
                "--root", Dir("storage"), "--runroot", Dir("run"), "--tmpdir", Dir("tmp"), "--network-config-dir", Dir("networks"),
                // vfs: no overlay mounts to leave behind; cgroupfs and file events: no systemd needed.
                "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "file",
                "system", "service", "--time", "0", "unix://" + SocketPath(folder),
            ], SocketPath(folder));
            return new PodmanService(daemon, folder);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
