using System.Text;
using System.Text.RegularExpressions;
using Courseware.Bench.Harness;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// A whole lesson run headless, as a cold process each time: the course's runner (<c>courseware run NOTEBOOK
/// --output DIR</c>) against dotnet-repl 0.3.259 (<c>dotnet tool run dotnet-repl -- --run NOTEBOOK --exit-after-run
/// --output-path FILE</c>). Wall time from process start to exit, and peak memory of the whole process tree
/// (see <see cref="TreeProcess"/>). Whatever a run's kernel created on the engine is removed after it, untimed.
/// </summary>
public static partial class RunnerBench
{
    /// <summary>The runner as scripts/run-lessons.sh runs it: published ReadyToRun by scripts/build-runner.sh.</summary>
    public const string DefaultRunner = "build/cli/courseware";
    public const string DefaultNotebook = "notebooks/01-exposing-ports.ipynb";

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        var o = ctx.Options;
        report.Heading("runner: whole lesson headless, courseware run vs dotnet-repl");

        var runnerSource = o.RunnerCmd is not null ? "--runner-cmd" : Environment.GetEnvironmentVariable("COURSEWARE_CLI") is { Length: > 0 } ? "COURSEWARE_CLI" : "default";
        var runnerCmd = o.RunnerCmd ?? (runnerSource == "COURSEWARE_CLI" ? Environment.GetEnvironmentVariable("COURSEWARE_CLI")! : DefaultRunner);
        var notebook = Path.GetFullPath(Path.Combine(ctx.RepoRoot, o.RunnerNotebook ?? DefaultNotebook));
        var runner = Split(runnerCmd);
        report.Line($"Runner command ({runnerSource}): `{runnerCmd}`; notebook: `{Path.GetRelativePath(ctx.RepoRoot, notebook)}`.");

        // Everything that must exist for the comparison to mean anything; otherwise say what is missing, and skip.
        var missing = new List<string>();
        if (runner.Count == 0) missing.Add("the runner command is empty");
        else if (RunnerFile(runner, ctx.RepoRoot) is { } file && !File.Exists(file))
            missing.Add($"the runner `{Path.GetRelativePath(ctx.RepoRoot, file)}` does not exist (build it: scripts/build-runner.sh; or set COURSEWARE_CLI / --runner-cmd)");
        if (!File.Exists(notebook)) missing.Add($"the notebook {notebook} does not exist");
        else
            foreach (var reference in ReferencedFiles(notebook).Where(r => !File.Exists(r)))
                missing.Add($"the notebook loads `{Path.GetRelativePath(ctx.RepoRoot, reference)}` (#r), which does not exist yet (it is built by the Courseware.Lab.Interactive project)");
        if (!Path.GetFullPath(notebook).StartsWith(ctx.RepoRoot, StringComparison.Ordinal))
            missing.Add("the notebook must be inside the repository: `dotnet tool run` finds dotnet-repl through .config/dotnet-tools.json above the working directory");
        var restore = await Shell.RunAsync("dotnet", ["tool", "restore"], ctx.RepoRoot, TimeSpan.FromMinutes(5), ct);
        if (restore.ExitCode != 0) missing.Add($"dotnet tool restore failed: {restore.Stderr.Trim().Split('\n')[0]}");
        if (report.SkippedFor(missing)) return;

        var busy = new[] { 8080, 8081, 8082, 8083, 8084 }.Where(PortInUse).ToList();
        if (busy.Count > 0)
            report.Line($"WARNING: host port(s) {string.Join(", ", busy)} are in use; lesson 01 publishes 8080–8084 and its runs will fail where they clash.");

        var runs = o.RunsFor(5, 2);
        report.Line($"Each run is a new process (cold start: new runtime, new kernel; the OS file cache is warm after the warm-up). Sides alternate courseware, dotnet-repl × {runs} after {o.WarmupRuns} warm-up each. Peak RSS: tree sampled every {TreeProcess.SampleInterval.TotalMilliseconds:0} ms. Load average before: {BenchContext.LoadAverage()}.");
        report.Line();
        var outRoot = Path.Combine(ctx.LogDir, "output");
        var sides = await Alternation.RunAsync(o.WarmupRuns, runs,
        [
            ("courseware", (i, token) =>
            {
                var output = Path.Combine(outRoot, $"courseware-{i}");
                Directory.CreateDirectory(output);
                var args = runnerCmd.Contains("{notebook}", StringComparison.Ordinal)
                    ? runner.Skip(1).Select(a => a.Replace("{notebook}", notebook, StringComparison.Ordinal).Replace("{output}", output, StringComparison.Ordinal)).ToList()
                    : [.. runner.Skip(1), "run", notebook, "--output", output];
                return OneRunAsync(ctx, runner[0], args, ctx.RepoRoot, output, $"courseware-{i}", token);
            }),
            ("dotnet-repl", (i, token) =>
            {
                var output = Path.Combine(outRoot, $"repl-{i}");
                Directory.CreateDirectory(output);
                // Working directory = the notebook's folder: dotnet-repl resolves #r "../build/…" and the lesson's
                // "../exercise4" against the process's working directory.
                return OneRunAsync(ctx, "dotnet", ["tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run", "--output-path", Path.Combine(output, "out.ipynb")],
                    Path.GetDirectoryName(notebook)!, output, $"repl-{i}", token);
            }),
        ], ct, Console.Error.WriteLine);

        report.Compare(sides[0], sides[1],
        [
            ("wall", "wall time", "ms", 0.7),
            ("peak tree RSS MB", "peak RSS, whole tree (sampled sum)", "MB", 0.8),
            ("sum HWM MB", "sum of per-process VmHWM (upper bound)", "MB", null),
            ("max single MB", "largest single process (rusage)", "MB", null),
            ("processes", "processes in the tree", "", null),
            ("left behind", "containers/networks/images the run left (removed by the bench, untimed)", "", null),
        ]);
        report.Line($"Load average after: {BenchContext.LoadAverage()}.");
    }

    private static async Task<Measurement> OneRunAsync(BenchContext ctx, string file, IReadOnlyList<string> args, string cwd, string output, string name, CancellationToken ct)
    {
        var run = await TreeProcess.RunAsync(file, args, cwd, ctx.LogDir, name, TimeSpan.FromMinutes(5), cancellationToken: ct);
        // Not timed: remove whatever the run's kernel left (a failed run never reaches the notebook's clean-up cell).
        ctx.Resources.TrackRunnerPids(run.Pids);
        var (containers, networks, images) = await ctx.Resources.RemoveAllOursAsync();
        var leftBehind = containers + networks + images;
        if (run.ExitCode != 0)
        {
            var tail = File.ReadLines(run.StderrPath).Concat(File.ReadLines(run.StdoutPath)).Where(l => l.Trim().Length > 0).TakeLast(1).FirstOrDefault()?.Trim() ?? "";
            return Measurement.Failed($"{name} exited {run.ExitCode}{(tail.Length == 0 ? "" : ": " + tail[..Math.Min(160, tail.Length)])} " +
                $"(output in {output}, logs {Path.GetRelativePath(ctx.RepoRoot, run.StdoutPath)}; {leftBehind} resource(s) it left were removed)");
        }
        if (!Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Any())
            return Measurement.Failed($"{name} wrote nothing to {output}");
        return new Measurement
        {
            ["wall"] = run.WallMs,
            ["peak tree RSS MB"] = run.PeakTreeRssMb,
            ["sum HWM MB"] = run.SumOfHwmMb,
            ["max single MB"] = run.MaxSingleRssMb,
            ["processes"] = run.ProcessesSeen,
            ["left behind"] = leftBehind,
        };
    }

    /// <summary>The file the runner command starts (the .dll for `dotnet X.dll`, else the executable path), or null for a bare command name.</summary>
    private static string? RunnerFile(IReadOnlyList<string> runner, string repoRoot)
    {
        if (runner[0] == "dotnet" && runner.Count > 1 && runner[1].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return Path.GetFullPath(Path.Combine(repoRoot, runner[1]));
        return runner[0].Contains('/') ? Path.GetFullPath(Path.Combine(repoRoot, runner[0])) : null;
    }

    /// <summary>Local files a notebook's code cells load with #r "path" (relative to the notebook's folder; nuget: references are not files).</summary>
    private static IEnumerable<string> ReferencedFiles(string notebook)
    {
        var dir = Path.GetDirectoryName(notebook)!;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(notebook));
        var paths = new List<string>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code" || !cell.TryGetProperty("source", out var source)) continue;
            var text = source.ValueKind == System.Text.Json.JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(e => e.GetString()))
                : source.GetString() ?? "";
            foreach (Match m in HashR().Matches(text))
                if (!m.Groups[1].Value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    paths.Add(Path.GetFullPath(Path.Combine(dir, m.Groups[1].Value)));
        }
        return paths;
    }

    [GeneratedRegex(@"^\s*#r\s+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex HashR();

    private static bool PortInUse(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, port);
            listener.Start();
            return false;
        }
        catch (System.Net.Sockets.SocketException) { return true; }
    }

    /// <summary>Splits a command line on spaces, keeping "double-quoted parts" together.</summary>
    public static List<string> Split(string commandLine)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var ch in commandLine)
        {
            if (ch == '"') { quoted = !quoted; any = true; continue; }
            if (char.IsWhiteSpace(ch) && !quoted)
            {
                if (any) parts.Add(current.ToString());
                current.Clear();
                any = false;
                continue;
            }
            current.Append(ch);
            any = true;
        }
        if (any) parts.Add(current.ToString());
        return parts;
    }
}
