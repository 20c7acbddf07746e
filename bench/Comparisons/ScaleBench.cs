using System.Collections.Concurrent;
using System.Diagnostics;
using Courseware.Bench.Harness;
using Courseware.Lab;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// N exercise4 containers, each on its own random loopback port (<c>-p 127.0.0.1::80</c>), started and made ready
/// (RunAsync then WaitForHttpAsync) by the library with bounded parallelism. Sizes alternate in rounds
/// (1, 10, 50, 1, 10, 50 …); everything is removed after each size (timed separately, not part of the result).
/// </summary>
public static class ScaleBench
{
    public const double TargetGrowth = 3.0;

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        var o = ctx.Options;
        report.Heading($"scale: {string.Join(", ", o.Sizes)} containers started and ready (parallelism {o.Parallel})");
        var lab = await ctx.LabAsync("bench-scale", ct);
        await ctx.EnsureLibImageAsync(lab, ct);
        var runs = o.RunsFor(3, 1);
        report.Line($"Library: per container `RunAsync(\"{BenchContext.LibImage}\", publish: [\"127.0.0.1::80\"])` then `WaitForHttpAsync`, at most {o.Parallel} at once (Parallel.ForEachAsync); one connected `Lab`.");
        report.Line($"Rounds: sizes alternate, {runs} measured round(s) after {o.WarmupRuns} warm-up round(s) of the smallest two sizes; load average before: {BenchContext.LoadAverage()}.");
        report.Line();

        var sides = await Alternation.RunAsync(o.WarmupRuns, runs,
            o.Sizes.Select(n => ($"{n}", (Func<int, CancellationToken, Task<Measurement>>)((index, token) =>
                index < 0 && n > o.Sizes.Take(2).Max() ? Task.FromResult(new Measurement { Note = "warm-up skipped" }) : OneSizeAsync(lab, n, o.Parallel, token)))).ToList(),
            ct, Console.Error.WriteLine);

        var rows = new List<IReadOnlyList<string>>();
        var perContainer = new Dictionary<int, double>();
        foreach (var side in sides)
        {
            var n = int.Parse(side.Name, System.Globalization.CultureInfo.InvariantCulture);
            var all = side.Summary("all ready");
            var per = side.Summary("per container");
            perContainer[n] = per.Median;
            rows.Add([side.Name, $"{all.MedianText("ms")} ms", all.SpreadText("ms"), $"{per.MedianText("ms")} ms",
                $"{side.Summary("slowest ready").MedianText("ms")} ms",
                $"{side.Summary("wait median").MedianText("ms")} / {side.Summary("wait max").MedianText("ms")} ms",
                $"{side.Summary("cleanup").MedianText("ms")} ms", $"{side.Good.Count()}/{side.Runs.Count}"]);
        }
        report.Table(["containers", "all started and ready (median)", "p25–p75 (min–max)", "per container", "slowest single container (run→ready)", "WaitForHttpAsync median / max", "cleanup (not counted)", "ok runs"], rows);
        if (perContainer.TryGetValue(10, out var p10) && perContainer.TryGetValue(50, out var p50))
        {
            var growth = p50 / p10;
            report.Line($"Per-container time at 50 / at 10: {Ratio.Text(growth)} (target ≤ {TargetGrowth:0}: {Ratio.Verdict(growth, TargetGrowth)}).");
        }
        foreach (var f in sides.SelectMany(s => s.Runs).Where(r => !r.Ok).Select(r => r.Note).Distinct().Take(5))
            report.Line($"- failure: {f}");
        report.Line($"Load average after: {BenchContext.LoadAverage()}.");
    }

    private static async Task<Measurement> OneSizeAsync(Courseware.Lab.DockerLab lab, int n, int parallel, CancellationToken ct)
    {
        var started = new ConcurrentBag<Container>();
        var perContainer = new ConcurrentBag<double>();
        var waits = new ConcurrentBag<double>();
        var total = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (_, token) =>
            {
                var t = Stopwatch.GetTimestamp();
                var c = await lab.RunAsync(BenchContext.LibImage, publish: ["127.0.0.1::80"], cancellationToken: token);
                started.Add(c);
                var w = Stopwatch.GetTimestamp();
                await lab.WaitForHttpAsync(c, timeout: TimeSpan.FromSeconds(60), cancellationToken: token);
                waits.Add(Alternation.MsSince(w));
                perContainer.Add(Alternation.MsSince(t));
            });
            var allReady = total.Ms();
            return new Measurement
            {
                ["all ready"] = allReady,
                ["per container"] = allReady / n,
                ["slowest ready"] = perContainer.Max(),
                ["wait median"] = Summary.Of(waits).Median,
                ["wait max"] = waits.Max(),
                ["cleanup"] = await RemoveAsync(lab, started),
            };
        }
        catch
        {
            await RemoveAsync(lab, started);
            throw;
        }
    }

    private static async Task<double> RemoveAsync(Courseware.Lab.DockerLab lab, IEnumerable<Container> containers)
    {
        var t = Stopwatch.StartNew();
        await Parallel.ForEachAsync(containers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, token) => await lab.RmAsync(c.Id, CancellationToken.None));
        return t.Ms();
    }
}
