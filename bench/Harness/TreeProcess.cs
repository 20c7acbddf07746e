using System.Diagnostics;
using System.Globalization;

namespace Courseware.Bench.Harness;

/// <summary>What one whole-process run cost.</summary>
public sealed record TreeRun(
    int ExitCode,
    double WallMs,
    double PeakTreeRssMb,
    double SumOfHwmMb,
    double MaxSingleRssMb,
    int ProcessesSeen,
    int Samples,
    IReadOnlySet<int> Pids,
    string StdoutPath,
    string StderrPath);

/// <summary>
/// Starts a command and measures its whole process tree, not just the first process: `dotnet tool run X` is a
/// launcher that starts X as a child, and a notebook runner may start more.
///
/// Peak memory is measured three ways, reported side by side:
///  * peak tree RSS: every <see cref="SampleInterval"/> the tree is walked (/proc/PID/task/TID/children) and the
///    VmRSS of every live process summed; the largest sum seen. Sampling can miss a peak shorter than the interval.
///  * sum of VmHWM: each process's own high-water mark (the kernel's, exact), last value seen, summed over the
///    tree. An upper bound: the processes' peaks need not coincide.
///  * largest single process: /usr/bin/time's "Maximum resident set size" (getrusage of the waited-for children,
///    exact, but the maximum over the processes, not their sum) — shown so a reader can check the sampler.
/// </summary>
public static class TreeProcess
{
    public static TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    private const string GnuTime = "/usr/bin/time";

    public static async Task<TreeRun> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        string logDirectory,
        string logName,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(logDirectory);
        var stdoutPath = Path.Combine(logDirectory, logName + ".stdout.txt");
        var stderrPath = Path.Combine(logDirectory, logName + ".stderr.txt");
        var rusagePath = Path.Combine(logDirectory, logName + ".rusage.txt");
        var useTime = File.Exists(GnuTime);

        var start = new ProcessStartInfo(useTime ? GnuTime : fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (useTime)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add("%M");
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(rusagePath);
            start.ArgumentList.Add(fileName);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) start.Environment[k] = v;
        // No colour, no terminal UI: the same plain output for every side.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        await using var stdout = new StreamWriter(stdoutPath);
        await using var stderr = new StreamWriter(stderrPath);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        process.StandardInput.Close();
        var outTask = process.StandardOutput.BaseStream.CopyToAsync(stdout.BaseStream, cancellationToken);
        var errTask = process.StandardError.BaseStream.CopyToAsync(stderr.BaseStream, cancellationToken);

        var root = process.Id;
        var sampler = new TreeSampler(root, excludeRoot: useTime);
        using var stop = new CancellationTokenSource();
        var samplerThread = new Thread(() => sampler.Loop(stop.Token)) { IsBackground = true, Name = "rss-sampler", Priority = ThreadPriority.AboveNormal };
        samplerThread.Start();

        var exited = false;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            exited = true;
        }
        finally
        {
            if (!exited)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            }
        }
        var wall = stopwatch.Elapsed.TotalMilliseconds;
        stop.Cancel();
        samplerThread.Join();
        await Task.WhenAll(outTask, errTask).ConfigureAwait(false);

        var maxSingle = double.NaN;
        if (useTime && File.Exists(rusagePath))
        {
            var last = File.ReadAllLines(rusagePath).LastOrDefault(l => l.Trim().Length > 0 && char.IsDigit(l.Trim()[0]));
            if (last is not null && long.TryParse(last.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb)) maxSingle = kb / 1024.0;
        }
        return new TreeRun(
            exited ? process.ExitCode : -1,
            wall,
            sampler.PeakSumKb / 1024.0,
            sampler.Hwm.Values.Sum() / 1024.0,
            maxSingle,
            sampler.Hwm.Count,
            sampler.Samples,
            sampler.Hwm.Keys.ToHashSet(),
            stdoutPath,
            stderrPath);
    }

    private sealed class TreeSampler(int root, bool excludeRoot)
    {
        public long PeakSumKb { get; private set; }
        public Dictionary<int, long> Hwm { get; } = [];
        public int Samples { get; private set; }

        public void Loop(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                SampleOnce();
                stop.WaitHandle.WaitOne(SampleInterval);
            }
        }

        private void SampleOnce()
        {
            long sum = 0;
            var queue = new Queue<int>();
            queue.Enqueue(root);
            var seen = new HashSet<int>();
            while (queue.Count > 0)
            {
                var pid = queue.Dequeue();
                if (!seen.Add(pid)) continue;
                foreach (var child in Children(pid)) queue.Enqueue(child);
                if (excludeRoot && pid == root) continue;
                var (rss, hwm) = Status(pid);
                if (rss < 0) continue;
                sum += rss;
                Hwm[pid] = Math.Max(Hwm.GetValueOrDefault(pid), hwm);
            }
            Samples++;
            PeakSumKb = Math.Max(PeakSumKb, sum);
        }

        private static IEnumerable<int> Children(int pid)
        {
            string[] tasks;
            try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
            catch (IOException) { yield break; }
            catch (UnauthorizedAccessException) { yield break; }
            foreach (var task in tasks)
            {
                string text;
                try { text = File.ReadAllText(Path.Combine(task, "children")); }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(part, out var c)) yield return c;
            }
        }

        private static (long RssKb, long HwmKb) Status(int pid)
        {
            try
            {
                long rss = -1, hwm = -1;
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                    else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
                }
                return (rss, Math.Max(hwm, rss));
            }
            catch (IOException) { return (-1, -1); }
            catch (UnauthorizedAccessException) { return (-1, -1); }
        }

        private static long Kb(string line) =>
            long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
