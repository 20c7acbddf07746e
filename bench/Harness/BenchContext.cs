using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Courseware.Lab;

namespace Courseware.Bench.Harness;

/// <summary>What every comparison shares: options, the repository, the report, and the resources to clean.</summary>
public sealed class BenchContext : IAsyncDisposable
{
    public BenchContext(Options options, string repoRoot)
    {
        Options = options;
        RepoRoot = repoRoot;
        WorkDir = Path.Combine(Path.GetTempPath(), $"courseware-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(WorkDir);
    }

    public Options Options { get; }
    public string RepoRoot { get; }
    public string WorkDir { get; }

    /// <summary>Logs of whole-process runs, kept after the bench ends (artifacts/ is not committed).</summary>
    public string LogDir => Path.Combine(RepoRoot, "artifacts", "bench", $"logs-{Started:yyyyMMdd-HHmmss}");

    public DateTime Started { get; } = DateTime.UtcNow;
    public Report Report { get; } = new();
    public Resources Resources { get; } = new();
    private readonly List<DockerLab> _labs = [];

    public string Exercise4Dir => Path.Combine(RepoRoot, "exercise4");

    /// <summary>Image tags of the bench's own exercise4 builds, so that no other session's `exercise4` is touched.</summary>
    public const string LibImage = "cwbench-exercise4";
    public const string CliImage = "cwbench-exercise4-cli";

    /// <summary>
    /// A connected lab for one comparison. Leftover removal is off: other sessions (tests in other work trees)
    /// share this engine, and the bench removes only what it made.
    /// </summary>
    public async Task<DockerLab> LabAsync(string lesson, CancellationToken cancellationToken)
    {
        var lab = await DockerLab.ConnectAsync(lesson, new LabOptions { RemoveLeftovers = false }, cancellationToken).ConfigureAwait(false);
        Resources.TrackSession(lab.SessionId);
        _labs.Add(lab);
        return lab;
    }

    /// <summary>The bench's exercise4 image, built by the library (its build cache makes later builds cheap).</summary>
    public async Task EnsureLibImageAsync(DockerLab lab, CancellationToken cancellationToken) =>
        await lab.BuildAsync(LibImage, Exercise4Dir, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>A host port nothing listens on right now (the engine will bind it a moment later).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    public static string Num(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);

    public async Task CleanupAsync()
    {
        foreach (var lab in _labs)
        {
            try { await lab.CleanAsync(images: true).ConfigureAwait(false); }
            catch (Exception e) { Console.Error.WriteLine($"[bench] clean of {lab.SessionId} failed: {e.Message}"); }
        }
        await Resources.RemoveAllOursAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lab in _labs) await lab.DisposeAsync().ConfigureAwait(false);
        Resources.Dispose();
        try { Directory.Delete(WorkDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
