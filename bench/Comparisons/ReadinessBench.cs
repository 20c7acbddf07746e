using System.Diagnostics;
using Courseware.Bench.Harness;
using Courseware.Lab;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// How soon after a container starts does <c>WaitForHttpAsync</c> see the service answer through its published port?
///
/// Each run starts a fresh exercise4 container (busybox httpd) on a free loopback port. Times are wall-clock
/// (DateTimeOffset.UtcNow, CLOCK_REALTIME) so they can be set against the engine's own State.StartedAt
/// (same host, same clock). The arms alternate:
///  * library — RunAsync, then WaitForHttpAsync as shipped (growing delay 2 ms ×1.5 up to 100 ms; on success it
///    GETs the page a second time to return it).
///  * 1 ms poller — the "physical limit" peer: from the same moment (RunAsync returned), a GET loop with 1 ms
///    spacing through the same published port, and concurrently a 1 ms TCP connect loop straight to the
///    container's IP:80 that shows when httpd itself listened. (A raw TCP connect through the published port is no
///    such peer: on loopback docker-proxy accepts it before httpd listens. And a poller started before RunAsync
///    is not one either: docker-proxy is up a few hundred ms before the container's network, a connection it
///    accepts then stalls about 1 s on a SYN retransmit towards the container, so it measures that, not httpd.)
///  * candidate policies (with the experiment on) — re-implementations of the wait loop in this process, to
///    measure a proposed change to the library before anyone edits it.
/// </summary>
public static class ReadinessBench
{
    public const double TargetMs = 25;

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        var o = ctx.Options;
        report.Heading("readiness: container start → first HTTP 200 through the published port");
        var lab = await ctx.LabAsync("bench-readiness", ct);
        await ctx.EnsureLibImageAsync(lab, ct);
        var runs = o.RunsFor(15, 5);

        var arms = new List<(string Name, Func<int, CancellationToken, Task<Measurement>> Run)>
        {
            ("library", (_, token) => MeasureAsync(lab, async (c, port, t) => { await lab.WaitForHttpAsync(c, cancellationToken: t); return (0, 0); }, token)),
            ("1 ms poller", (_, token) => MeasureAsync(lab, null, token)),
        };
        if (o.Experiment)
            foreach (var policy in Polling.Candidates)
                arms.Add(($"candidate: {policy.Name}", (_, token) => MeasureAsync(lab, (c, port, t) => policy.WaitAsync(port, t), token)));

        report.Line($"Image `{BenchContext.LibImage}` (exercise4: busybox httpd), `-p 127.0.0.1:PORT:80` with a fresh free PORT per run; each container is removed after its run (not timed).");
        report.Line($"Arms alternate ({string.Join(", ", arms.Select(a => a.Name))}) × {runs} after {o.WarmupRuns} warm-up each; load average before: {BenchContext.LoadAverage()}.");
        report.Line();
        Table(report, await Alternation.RunAsync(o.WarmupRuns, runs, arms, ct, Console.Error.WriteLine), withTarget: true);

        if (!o.Experiment) return;
        // A service slower to listen than httpd: where the polling schedule, not the engine, decides the lateness.
        var slowStartMs = o.SlowStartMs;
        var slow = $"sleep {(slowStartMs / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}; exec httpd -f -v -p 80 -h /var/www";
        string[] slowCommand = ["sh", "-c", slow];
        var slowArms = new List<(string Name, Func<int, CancellationToken, Task<Measurement>> Run)>
        {
            ("library", (_, token) => MeasureAsync(lab, async (c, port, t) => { await lab.WaitForHttpAsync(c, cancellationToken: t); return (0, 0); }, token, slowCommand)),
            ("1 ms poller", (_, token) => MeasureAsync(lab, null, token, slowCommand)),
        };
        foreach (var policy in Polling.SlowStartCandidates)
            slowArms.Add(($"candidate: {policy.Name}", (_, token) => MeasureAsync(lab, (c, port, t) => policy.WaitAsync(port, t), token, slowCommand)));
        report.Line($"Experiment — a service that takes {slowStartMs} ms to listen (`sh -c \"{slow}\"`), so that the wait's schedule matters. Same arms idea; alternating × {runs} after {o.WarmupRuns} warm-up each.");
        report.Line();
        Table(report, await Alternation.RunAsync(o.WarmupRuns, runs, slowArms, ct, Console.Error.WriteLine), withTarget: false);
        report.Line($"Here \"lateness\" is StartedAt→ready of an arm minus that of the 1 ms poller. Load average after: {BenchContext.LoadAverage()}.");
    }

    private static void Table(Report report, IReadOnlyList<Side> sides, bool withTarget)
    {
        var rows = new List<IReadOnlyList<string>>();
        var reference = sides.FirstOrDefault(s => s.Name.StartsWith("1 ms", StringComparison.Ordinal))?.Summary("started→ready").Median ?? double.NaN;
        foreach (var side in sides)
        {
            var overhead = side.Summary("started→ready");
            var isReference = side.Name.StartsWith("1 ms", StringComparison.Ordinal);
            rows.Add([side.Name,
                Cell(side, "run call"), Cell(side, "started→return"), Cell(side, "return→ready"), Cell(side, "started→ready"), Cell(side, "started→listen"),
                isReference ? "–" : $"{Summary.Fmt(overhead.Median - reference, "ms")}",
                side.Summary("attempts").MedianText(""),
                isReference ? "(reference)" : withTarget ? $"≤ {TargetMs} ms: {Ratio.Verdict(overhead.Median, TargetMs)}" : "",
                $"{side.Good.Count()}/{side.Runs.Count}"]);
        }
        report.Table(["arm", "RunAsync call", "StartedAt→RunAsync returned", "RunAsync returned→ready", "StartedAt→ready (overhead)", "StartedAt→httpd accepts (container IP)", "lateness vs 1 ms poller", "GET attempts", "target", "ok runs"], rows);
        report.Line("Cells: median ms [p25–p75]. \"ready\" = the wait returned (library and candidates: after reading the page from the first 2xx) or, for the 1 ms poller, the first 200 arrived. " +
                    "StartedAt is the engine's State.StartedAt (ContainerDetails.StartedAt), same host clock. The 1 ms poller starts where the library starts (when RunAsync returns); " +
                    "its TCP probe to the container's IP:80 shows when httpd listened (1 attempt = already listening when RunAsync returned).");
        foreach (var f in sides.SelectMany(s => s.Runs).Where(r => !r.Ok).Select(r => r.Note).Distinct().Take(5))
            report.Line($"- failure: {f}");
        report.Line();
    }

    private static string Cell(Side side, string metric)
    {
        var s = side.Summary(metric);
        return s.Count == 0 ? "–" : $"{s.MedianText("ms")} [{Summary.Fmt(s.P25, "ms")}–{Summary.Fmt(s.P75, "ms")}]";
    }

    /// <summary>One run: start a container, wait by <paramref name="wait"/> (or the 1 ms poller), time it, remove it.</summary>
    private static async Task<Measurement> MeasureAsync(
        DockerLab lab,
        Func<Container, int, CancellationToken, Task<(int Attempts, int Unused)>>? wait,
        CancellationToken ct,
        IReadOnlyList<string>? command = null)
    {
        var port = BenchContext.FreeLoopbackPort();
        Container? c = null;
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            c = await lab.RunAsync(BenchContext.LibImage, publish: [$"127.0.0.1:{port}:80"], command: command, cancellationToken: ct);
            var returned = DateTimeOffset.UtcNow;
            var runCall = Alternation.MsSince(t0);
            DateTimeOffset ready;
            int attempts;
            DateTimeOffset? listening = null;
            if (wait is null)
            {
                // The reference: from the same starting point as the library, a 1 ms GET loop through the published
                // port, and (concurrently) a 1 ms TCP connect loop straight to the container's IP.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                var http = Polling.TightAsync(port, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50), timeout.Token);
                var ip = (await lab.InspectAsync(c.Id, timeout.Token)).IpAddress;
                var listen = ip is null ? null : Polling.ListenAsync(System.Net.IPAddress.Parse(ip), 80, TimeSpan.FromMilliseconds(1), timeout.Token);
                (ready, attempts) = await http;
                if (listen is not null) listening = (await listen).At;
            }
            else
            {
                (attempts, _) = await wait(c, port, ct);
                ready = DateTimeOffset.UtcNow;
            }
            var details = await lab.InspectAsync(c.Id, ct);
            if (details.StartedAt is not { } started) return Measurement.Failed("no StartedAt in inspect");
            var m = new Measurement
            {
                ["run call"] = runCall,
                ["started→return"] = (returned - started).TotalMilliseconds,
                ["return→ready"] = (ready - returned).TotalMilliseconds,
                ["started→ready"] = (ready - started).TotalMilliseconds,
            };
            if (attempts > 0) m["attempts"] = attempts;
            if (listening is { } l) m["started→listen"] = (l - started).TotalMilliseconds;
            return m;
        }
        finally
        {
            if (c is not null) await lab.RmAsync(c.Id, CancellationToken.None);
        }
    }
}
