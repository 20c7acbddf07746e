using System.Text.Json.Nodes;
using Courseware.Bench.Harness;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// The course's Jupyter kernel (<c>courseware kernel</c>, published ReadyToRun into build/cli/ as
/// scripts/run-lessons.sh installs it) against the official .NET Interactive Jupyter kernel (<c>dotnet-interactive
/// jupyter</c> 1.0.712001 from the tool manifest), both started by the same jupyter_client (Debian's 7.4.9) through
/// scripts/kernel_first_result.py: a cold kernel each run, cells executed one at a time as nbclient does. Measured:
/// start to the first cell's reply (its result is in: the official kernel sends displays of its own before it), start
/// to the last cell's reply, the kernel's peak memory (VmHWM over the kernel's process tree, read by the client before
/// shutdown; for the official kernel the `dotnet tool run` host is part of it, as it is when a front end starts it),
/// and the peak RSS of everything (the Python client included).
/// </summary>
public static class KernelBench
{
    public const string OneCell = "bench/selftest/one-cell.ipynb";
    public const string Lesson01 = "notebooks/01-exposing-ports.ipynb";
    private const string Ours = "courseware-csharp";
    private const string Official = "official-dotnet-interactive";

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        report.Heading("kernels: courseware kernel vs the official dotnet-interactive Jupyter kernel, same jupyter_client");

        var runner = Path.Combine(ctx.RepoRoot, RunnerBench.DefaultRunner);
        var missing = new List<string>();
        if (!File.Exists(runner)) missing.Add($"the runner `{RunnerBench.DefaultRunner}` does not exist (build it: scripts/build-runner.sh)");
        var python = await Shell.RunAsync("/usr/bin/python3", ["-c", "import jupyter_client, nbformat"], ctx.RepoRoot, TimeSpan.FromMinutes(1), ct);
        if (python.ExitCode != 0) missing.Add("Debian's python3-jupyter-client and python3-nbformat (scripts/ensure-test-deps.sh)");
        var restore = await Shell.RunAsync("dotnet", ["tool", "restore"], ctx.RepoRoot, TimeSpan.FromMinutes(5), ct);
        if (restore.ExitCode != 0) missing.Add($"dotnet tool restore failed: {restore.Stderr.Trim().Split('\n')[0]}");
        if (report.SkippedFor(missing)) return;

        var jupyter = Directory.CreateDirectory(Path.Combine(ctx.LogDir, "jupyter")).FullName;
        var install = await Shell.RunAsync(runner, ["kernel", "install", "--prefix", jupyter], ctx.RepoRoot, TimeSpan.FromMinutes(1), ct);
        if (install.ExitCode != 0) throw new InvalidOperationException($"courseware kernel install failed: {install.Stderr}");
        WriteOfficialKernelSpec(Path.Combine(jupyter, "share", "jupyter", "kernels", Official));
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(jupyter, "share", "jupyter"),
            ["JUPYTER_RUNTIME_DIR"] = Directory.CreateDirectory(Path.Combine(jupyter, "runtime")).FullName,
            ["JUPYTER_DATA_DIR"] = Directory.CreateDirectory(Path.Combine(jupyter, "data")).FullName,
            ["JUPYTER_CONFIG_DIR"] = Directory.CreateDirectory(Path.Combine(jupyter, "config")).FullName,
            ["DOTNET_NOLOGO"] = "1",
        };

        var o = ctx.Options;
        foreach (var (notebook, runs) in new[] { (OneCell, o.RunsFor(5, 2)), (Lesson01, o.RunsFor(3, 1)) })
        {
            report.Line($"**{notebook}**: sides alternate courseware, official × {runs} after {o.WarmupRuns} warm-up each; every run a new kernel process. Load average before: {BenchContext.LoadAverage()}.");
            report.Line();
            var path = Path.Combine(ctx.RepoRoot, notebook);
            var sides = await Alternation.RunAsync(o.WarmupRuns, runs,
            [
                ("courseware kernel", (i, token) => OneRunAsync(ctx, Ours, path, environment, $"kernel-ours-{Path.GetFileNameWithoutExtension(path)}-{i}", token)),
                ("official kernel", (i, token) => OneRunAsync(ctx, Official, path, environment, $"kernel-official-{Path.GetFileNameWithoutExtension(path)}-{i}", token)),
            ], ct, Console.Error.WriteLine);
            var isLesson = notebook == Lesson01;
            report.Compare(sides[0], sides[1],
            [
                ("first result", "kernel start to the first cell's result (its reply)", "ms", isLesson ? null : 0.5),
                ("notebook", "kernel start to the last cell's reply", "ms", isLesson ? 0.9 : null),
                ("kernel HWM MB", "kernel's peak memory (VmHWM, kernel process tree)", "MB", 0.8),
                ("peak tree RSS MB", "peak RSS of everything, Python client included (sampled)", "MB", null),
            ]);
            report.Line($"Load average after: {BenchContext.LoadAverage()}.");
            report.Line();
        }
    }

    /// <summary>
    /// The official kernel as its own `jupyter install` describes it, started through the repository's tool manifest
    /// (the pinned 1.0.712001, not a global tool), its HTTP API kept on loopback.
    /// </summary>
    private static void WriteOfficialKernelSpec(string folder)
    {
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray("dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp",
                "--http-local-only", "{connection_file}", "--http-port-range", "2048-3000"),
            ["display_name"] = ".NET (C#), official",
            ["language"] = "C#",
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString());
    }

    private static async Task<Measurement> OneRunAsync(BenchContext ctx, string kernel, string notebook, IReadOnlyDictionary<string, string> environment,
        string name, CancellationToken ct)
    {
        // From the notebook's folder, as front ends start kernels: "../build/lab/…" resolves, and `dotnet tool run`
        // finds the repository's tool manifest above it.
        var run = await TreeProcess.RunAsync("/usr/bin/python3",
            [Path.Combine(ctx.RepoRoot, "bench", "scripts", "kernel_first_result.py"), kernel, notebook],
            Path.GetDirectoryName(notebook)!, ctx.LogDir, name, TimeSpan.FromMinutes(10), environment, ct);
        ctx.Resources.TrackRunnerPids(run.Pids);
        var (containers, networks, images) = await ctx.Resources.RemoveAllOursAsync();
        var last = File.ReadLines(run.StdoutPath).LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (run.ExitCode != 0 || last is null)
            return Measurement.Failed($"{name} exited {run.ExitCode} (logs {Path.GetRelativePath(ctx.RepoRoot, run.StderrPath)})");
        var result = JsonNode.Parse(last)!;
        if (result["failures"]!.AsArray().Count > 0)
            return Measurement.Failed($"{name}: {result["failures"]![0]}");
        if (containers + networks + images > 0)
            Console.Error.WriteLine($"  {name} left {containers} container(s), {networks} network(s), {images} image(s) (removed)");
        return new Measurement
        {
            ["first result"] = (double)result["first_result_ms"]!,
            ["notebook"] = (double)result["notebook_ms"]!,
            ["kernel HWM MB"] = (double)result["kernel_hwm_mb"]!,
            ["peak tree RSS MB"] = run.PeakTreeRssMb,
        };
    }
}
