using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Courseware.Cli.Tests.Support;

/// <summary>A finished <c>courseware</c> run: exit code, what it printed, how long it took, and its process id.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error, TimeSpan Duration, int ProcessId)
{
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:0.0} s\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the built courseware as a separate process, as a user or CI would: its exit code, its plain (non-TTY) progress
/// and its signal handling are what is tested, and each run's kernel, working directory and pid are its own.
/// </summary>
public sealed class CoursewareProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    private CoursewareProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string OutputSoFar
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <param name="user">Run as this account (via runuser, which needs root), e.g. a learner not in the docker group.</param>
    public static CoursewareProcess Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? user = null)
    {
        var start = new ProcessStartInfo(user is null ? "dotnet" : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (user is not null)
        {
            foreach (var arg in new[] { "-u", user, "--", "dotnet" }) start.ArgumentList.Add(arg);
            // The account's own home (nobody: /nonexistent) is not writable; dotnet wants a place for its first-run files.
            var home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"courseware-home-{user}")).FullName;
            File.SetUnixFileMode(home, (UnixFileMode)0x3FF /* 1777 */ | UnixFileMode.StickyBit);
            start.Environment["HOME"] = home;
            start.Environment["DOTNET_CLI_HOME"] = start.Environment["HOME"];
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "courseware.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;
        return new CoursewareProcess(Process.Start(start)!);
    }

    public static async Task<CliRun> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? user = null)
    {
        using var process = Start(args, environment, user);
        return await process.WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
    }

    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        await ProcessDeadline.WaitAsync(_process, timeout, "courseware", () => Task.FromResult(OutputSoFar));
        _process.WaitForExit(); // drains the asynchronous readers
        lock (_output) lock (_error)
            return new CliRun(_process.ExitCode, _output.ToString(), _error.ToString(), _stopwatch.Elapsed, _process.Id);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!OutputSoFar.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"courseware exited before printing '{text}':\n{OutputSoFar}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"courseware did not print '{text}' within {timeout.TotalSeconds:0} s:\n{OutputSoFar}");
            await Task.Delay(100);
        }
    }

    /// <summary>What Ctrl+C in a terminal sends.</summary>
    public void Interrupt() => Signal(SigInt);

    /// <summary>What a CI runner, systemd or <c>kill</c> sends to stop a job.</summary>
    public void Terminate() => Signal(SigTerm);

    public void Signal(int signal) => Kill(_process.Id, signal);

    /// <summary>kill -SIGNAL PID, for any process a test started.</summary>
    public static void Kill(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill -{signal} {pid} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public const int SigInt = 2;
    public const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
