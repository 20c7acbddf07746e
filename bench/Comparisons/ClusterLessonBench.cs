using System.Text.RegularExpressions;
using Courseware.Bench.Harness;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// Lesson 03 headless, whole: three engine-in-container nodes, a swarm, an overlay, services scaled up and down, and
/// the clean-up, as a cold <c>courseware run</c> each time. The peer is lesson 05 through the same runner in the same
/// alternation, so the ratio says what the cluster costs over a one-host lesson on this machine. The node image is
/// built before the first run (kept between runs, like the seeded busybox), so the runs measure the lesson itself.
/// </summary>
public static class ClusterLessonBench
{
    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        var o = ctx.Options;
        report.Heading("cluster: lesson 07 (3-node swarm) headless vs lesson 05, same runner");
        var runnerCmd = o.RunnerCmd ?? (Environment.GetEnvironmentVariable("COURSEWARE_CLI") is { Length: > 0 } env ? env : RunnerBench.DefaultRunner);
        var runner = RunnerBench.Split(runnerCmd);
        var runs = o.RunsFor(3, 1);
        report.Line($"Runner: `{runnerCmd}`. Sides alternate lesson 07, lesson 05 × {runs} after {o.WarmupRuns} warm-up each (the warm-up builds the node image if missing). Load average before: {BenchContext.LoadAverage()}.");
        report.Line();
        var outRoot = Path.Combine(ctx.LogDir, "output");
        Func<int, CancellationToken, Task<Measurement>> Lesson(string notebook, string tag) => async (i, token) =>
        {
            var output = Path.Combine(outRoot, $"{tag}-{i}");
            Directory.CreateDirectory(output);
            var run = await TreeProcess.RunAsync(runner[0], [.. runner.Skip(1), "run", Path.Combine(ctx.RepoRoot, notebook), "--output", output, "--format", "ipynb"],
                ctx.RepoRoot, ctx.LogDir, $"{tag}-{i}", TimeSpan.FromMinutes(5), cancellationToken: token);
            ctx.Resources.TrackRunnerPids(run.Pids);
            var (containers, networks, images) = await ctx.Resources.RemoveAllOursAsync();
            if (run.ExitCode != 0)
                return Measurement.Failed($"{tag}-{i} exited {run.ExitCode} (logs {Path.GetRelativePath(ctx.RepoRoot, run.StdoutPath)})");
            return new Measurement
            {
                ["wall"] = run.WallMs,
                ["cluster create"] = CellSeconds(run.StdoutPath, "docker network create --internal lan") * 1000,
                ["peak tree RSS MB"] = run.PeakTreeRssMb,
                ["left behind"] = containers + networks + images,
            };
        };
        var sides = await Alternation.RunAsync(o.WarmupRuns, runs,
        [
            ("lesson 07", Lesson("notebooks/07-multi-host-networking.ipynb", "lesson07")),
            ("lesson 05", Lesson("notebooks/05-container-to-container.ipynb", "lesson05")),
        ], ct, Console.Error.WriteLine);
        report.Compare(sides[0], sides[1],
        [
            ("wall", "wall time, process start to exit", "ms", null),
            ("cluster create", "the cell that starts the 3 nodes (lesson 07 only)", "ms", null),
            ("peak tree RSS MB", "peak RSS, whole tree (sampled sum)", "MB", null),
            ("left behind", "containers/networks/images the run left", "", null),
        ]);
        report.Line($"Load average after: {BenchContext.LoadAverage()}.");
    }

    /// <summary>The runner's progress line for the cell whose first line contains <paramref name="firstLine"/>: "… (12.3 s)".</summary>
    private static double CellSeconds(string stdoutPath, string firstLine)
    {
        var line = File.ReadLines(stdoutPath).LastOrDefault(l => l.Contains(firstLine, StringComparison.Ordinal)) ?? "";
        var match = Regex.Match(line, @"([0-9]+(?:\.[0-9]+)?) s\b");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
    }
}
