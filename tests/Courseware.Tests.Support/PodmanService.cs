using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Courseware.Tests.Support;

/// <summary>
/// <c>podman system service</c> on a socket of its own, with its storage, run state and network configuration in a
/// temp folder of its own: nothing of the machine's Docker engine is touched. It creates no bridge and no firewall
/// rule, since no container is ever started on it (Podman sets a network up only for a container that joins one).
/// Disposing stops the process it started and removes the folder.
/// </summary>
public sealed class PodmanService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly StringBuilder _log = new();

    private PodmanService(Process process, DirectoryInfo folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>The DOCKER_HOST that addresses it.</summary>
    public string Endpoint => "unix://" + SocketPath;

    private string SocketPath => Path.Combine(_folder.FullName, "podman.sock");

    public static async Task<PodmanService> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("courseware-podman-");
        string Dir(string name) => Directory.CreateDirectory(Path.Combine(folder.FullName, name)).FullName;
        var start = new ProcessStartInfo(Prerequisites.PodmanPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--root", Dir("storage"), "--runroot", Dir("run"), "--tmpdir", Dir("tmp"), "--network-config-dir", Dir("networks"),
                     // vfs: no overlay mounts to leave behind; cgroupfs and file events: no systemd needed.
                     "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "file",
                     "system", "service", "--time", "0", "unix://" + Path.Combine(folder.FullName, "podman.sock"),
                 })
            start.ArgumentList.Add(arg);
        var service = new PodmanService(Process.Start(start)!, folder);
        service._process.OutputDataReceived += (_, e) => service.Append(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilListeningAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"podman system service exited ({_process.ExitCode}) before it listened: {Log}");
            try
            {
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>What the service wrote (for a failing test's message).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _folder.Delete(recursive: true);
    }
}
