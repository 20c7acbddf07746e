using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// Debian's Jupyter Notebook server (6.4) on 127.0.0.1 with a token, serving one folder, in a <see cref="JupyterSandbox"/>
/// (which holds the courseware kernelspec). Stopped with SIGTERM, so it shuts its kernels down the way a learner's
/// server does: each gets its shutdown_request and cleans up after itself.
/// </summary>
public sealed class NotebookServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _token;

    private NotebookServer(Process process, int port, string token)
    {
        _process = process;
        Port = port;
        _token = token;
    }

    public int Port { get; }

    /// <summary>What the server and its kernels wrote to stderr (the kernel logs its pid there).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public Uri NotebookUrl(string relativePath) => new($"http://127.0.0.1:{Port}/notebooks/{relativePath}?token={_token}");

    public static async Task<NotebookServer> StartAsync(JupyterSandbox sandbox, string folder)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Prerequisites.SystemPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        var token = Guid.NewGuid().ToString("N");
        foreach (var arg in new[]
                 {
                     "-m", "notebook", "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
                     $"--NotebookApp.token={token}", $"--notebook-dir={folder}",
                     // CI runs as root; the server refuses root unless told.
                     "--allow-root",
                 })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in sandbox.Environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var started = new NotebookServer(process, port, token);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (started._log) started._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (started._log) started._log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return await started.WaitUntilAnsweringAsync();
    }

    private async Task<NotebookServer> WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the notebook server exited ({_process.ExitCode}):\n{Log}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{Port}/api/status?token={_token}");
                if (response.StatusCode == HttpStatusCode.OK) return this;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"the notebook server did not answer within 60 s:\n{Log}");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the server shuts every kernel down (shutdown_request), as when a learner stops it; a second
            // signal is not needed by notebook 6 when not attached to a terminal.
            CoursewareProcess.Kill(_process.Id, CoursewareProcess.SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
