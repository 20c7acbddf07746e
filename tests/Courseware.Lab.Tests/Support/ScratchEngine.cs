namespace Courseware.Lab.Tests.Support;

/// <summary>
/// A second dockerd, the test's own, whose data root is a small tmpfs: an engine whose disk can be filled for real
/// without touching the machine's engine. It runs in a network namespace of its own (<c>unshare --net</c>) with no
/// bridge and no iptables: dockerd started with <c>--bridge none</c> deletes any interface named docker0 it sees, and in
/// the host's namespace that would be the machine engine's bridge. Its socket, exec root (with the containerd it starts)
/// and pidfile are in a temp folder; it is started through a link named scratchdockerd so that scripts/use-engine.sh,
/// which finds the machine's engine as root's process named dockerd, never takes it for that one. Disposing stops it,
/// unmounts the tmpfs and removes the folder, whatever the test did.
/// </summary>
public sealed class ScratchEngine : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private SocketDaemon? _daemon;
    private bool _mounted;

    private ScratchEngine(DirectoryInfo folder) => _folder = folder;

    /// <summary>The engine's data root, the tmpfs (docker info's Docker Root Dir).</summary>
    public string DataRoot => Path.Combine(_folder.FullName, "data");

    private string SocketPath => Path.Combine(_folder.FullName, "docker.sock");

    /// <summary>The address to connect to.</summary>
    public string Endpoint => "unix://" + SocketPath;

    public static async Task<ScratchEngine> StartAsync(int megabytes = 48)
    {
        var engine = new ScratchEngine(Directory.CreateTempSubdirectory("courseware-scratch-engine-"));
        try
        {
            Directory.CreateDirectory(engine.DataRoot);
            Ok(Prerequisites.Run("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "courseware-scratch", engine.DataRoot]), "mount");
            engine._mounted = true;
            var dockerd = Path.Combine(engine._folder.FullName, "scratchdockerd");
            File.CreateSymbolicLink(dockerd, Prerequisites.DockerdPath);
            engine._daemon = await SocketDaemon.StartAsync(Prerequisites.UnsharePath,
            [
                "--net", "--", dockerd,
                "--data-root", engine.DataRoot, "--exec-root", Path.Combine(engine._folder.FullName, "exec"),
                "--pidfile", Path.Combine(engine._folder.FullName, "dockerd.pid"), "-H", engine.Endpoint,
                "--bridge", "none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
            ], engine.SocketPath);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a file into the data root until the tmpfs has no byte left.</summary>
    public void FillDataRoot()
    {
        var block = new byte[1 << 20];
        using var filler = new FileStream(Path.Combine(DataRoot, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        // Halving sizes down to one byte, so that not even a page is left.
        for (var size = block.Length; size > 0; size /= 2)
        {
            try
            {
                while (true) filler.Write(block, 0, size);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>What the engine wrote, for a failing test's message.</summary>
    public string Log => _daemon?.Log ?? "";

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
        if (_mounted)
        {
            // A mount the stopped engine left (it unmounts its layers as it stops) would keep the tmpfs busy: detach it then.
            var (exit, _, _) = Prerequisites.Run("umount", [DataRoot]);
            if (exit != 0) Ok(Prerequisites.Run("umount", ["--lazy", DataRoot]), "umount --lazy");
        }
        _folder.Delete(recursive: true);
    }

    private static void Ok((int Exit, string Output, string Error) run, string what)
    {
        if (run.Exit != 0) throw new InvalidOperationException($"{what} failed (exit {run.Exit}): {run.Output}{run.Error}");
    }
}
