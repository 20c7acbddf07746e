using System.Diagnostics;

namespace Courseware.Bench.Harness;

/// <summary>
/// Runs two (or more) sides interleaved — A B A B … — after a warm-up of each, so that drift in machine load
/// (other builds on the same two cores) lands on every side alike instead of on whichever ran last.
/// </summary>
public static class Alternation
{
    public static async Task<IReadOnlyList<Side>> RunAsync(
        int warmup,
        int runs,
        IReadOnlyList<(string Name, Func<int, CancellationToken, Task<Measurement>> Run)> sides,
        CancellationToken cancellationToken,
        Action<string>? progress = null)
    {
        var results = sides.Select(s => new Side(s.Name)).ToList();
        for (var w = 0; w < warmup; w++)
            foreach (var (name, run) in sides)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var m = await Guard(run, -1 - w, cancellationToken).ConfigureAwait(false);
                progress?.Invoke($"  warm-up {w + 1}/{warmup} {name}: {Describe(m)}");
            }
        for (var i = 0; i < runs; i++)
            for (var s = 0; s < sides.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var m = await Guard(sides[s].Run, i, cancellationToken).ConfigureAwait(false);
                results[s].Runs.Add(m);
                progress?.Invoke($"  run {i + 1}/{runs} {sides[s].Name}: {Describe(m)}");
            }
        return results;
    }

    private static async Task<Measurement> Guard(Func<int, CancellationToken, Task<Measurement>> run, int index, CancellationToken cancellationToken)
    {
        try
        {
            return await run(index, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { throw; }
        catch (Exception e)
        {
            return Measurement.Failed($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    private static string Describe(Measurement m) =>
        !m.Ok ? $"FAILED ({m.Note})"
        : string.Join(", ", m.Metrics.Take(4).Select(kv => $"{kv.Key}={Summary.Fmt(kv.Value, kv.Key.EndsWith("MB", StringComparison.Ordinal) ? "MB" : "ms")}"));

    public static double Ms(this Stopwatch sw) => sw.Elapsed.TotalMilliseconds;

    public static double MsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
