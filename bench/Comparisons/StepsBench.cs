using System.Diagnostics;
using System.Globalization;
using Courseware.Bench.Harness;
using Courseware.Lab;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// Lesson 01's steps without the notebook kernel: the library in-process (one connected Lab) against
/// bench/scripts/lesson01-steps.sh, a bash script of docker CLI commands, timed as a whole process.
/// </summary>
public static class StepsBench
{
    private static readonly string[] Steps = ["build", "run", "http", "ps", "inspect", "ping", "rm"];

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        var o = ctx.Options;
        report.Heading("steps: lesson 01's steps, library vs a docker CLI script");

        var http = Shell.Which("curl") is not null ? "curl" : Shell.Which("wget") is not null ? "wget" : null;
        var ping = Shell.Which("ping");
        if (http is null || ping is null)
        {
            report.Line($"SKIPPED: the CLI side needs curl or wget, and ping (found: curl/wget={http ?? "none"}, ping={ping ?? "none"}). " +
                        "On Debian: apt-get install -y curl iputils-ping.");
            return;
        }

        var lab = await ctx.LabAsync("bench-steps", ct);
        // The first builds fill the caches; the measured builds are cached, as in a learner's second run.
        await ctx.EnsureLibImageAsync(lab, ct);
        (await Shell.RunAsync("docker", ["build", "-q", "--label", Resources.CliLabel, "-t", BenchContext.CliImage, ctx.Exercise4Dir], cancellationToken: ct)).EnsureOk("docker build");
        var script = Path.Combine(ctx.RepoRoot, "bench", "scripts", "lesson01-steps.sh");
        var runs = o.RunsFor(7, 3);
        const string libName = "cwbench-steps-lib", cliName = "cwbench-steps-cli";

        report.Line($"Library (in-process, `Lab` already connected): `BuildAsync` (cached) → `RunAsync(-p 127.0.0.1:PORT:80)` → `WaitForHttpAsync` → `PsAsync` → `InspectAsync` → `PingAsync(count: {o.PingCount})` (host ICMP, 200 ms apart) → `RmAsync`.");
        report.Line($"CLI: `bash bench/scripts/lesson01-steps.sh` as one process: `docker build -q` (cached) → `docker run -dit -p 127.0.0.1:PORT:80` → `{http}` loop (10 ms apart) until 200 → `docker ps` → `docker inspect` → `ping -c {o.PingCount} -i 0.2` ({ping}) → `docker rm -f`.");
        report.Line($"Both publish on 127.0.0.1 (the lesson uses 0.0.0.0:8080; loopback keeps the bench off the network) with a fresh free port per run. Alternating lib, cli × {runs} after {o.WarmupRuns} warm-up each; load average before: {BenchContext.LoadAverage()}.");
        report.Line();

        var sides = await Alternation.RunAsync(o.WarmupRuns, runs,
        [
            ("library", async (_, token) =>
            {
                var m = new Measurement();
                var port = BenchContext.FreeLoopbackPort();
                var total = Stopwatch.GetTimestamp();
                var t = total;
                void Step(string name) { m[name] = Alternation.MsSince(t); t = Stopwatch.GetTimestamp(); }
                await lab.BuildAsync(BenchContext.LibImage, ctx.Exercise4Dir, cancellationToken: token);
                Step("build");
                var c = await lab.RunAsync(BenchContext.LibImage, name: libName, publish: [$"127.0.0.1:{port}:80"], cancellationToken: token);
                Step("run");
                await lab.WaitForHttpAsync(c, cancellationToken: token);
                Step("http");
                await lab.PsAsync(cancellationToken: token);
                Step("ps");
                await lab.InspectAsync(libName, token);
                Step("inspect");
                var pong = await lab.PingAsync(libName, o.PingCount, cancellationToken: token);
                Step("ping");
                await lab.RmAsync(libName, token);
                Step("rm");
                m["total"] = Alternation.MsSince(total);
                if (pong.Received != o.PingCount) return Measurement.Failed($"ping: {pong}");
                return m;
            }),
            ("docker CLI", async (_, token) =>
            {
                var port = BenchContext.FreeLoopbackPort();
                var r = await Shell.RunAsync("bash", [script, BenchContext.CliImage, ctx.Exercise4Dir, cliName, port.ToString(CultureInfo.InvariantCulture), o.PingCount.ToString(CultureInfo.InvariantCulture), http], cancellationToken: token);
                if (r.ExitCode != 0) return Measurement.Failed($"script exited {r.ExitCode}: {r.Stderr.Trim().Split('\n')[^1]}");
                var m = new Measurement { ["total"] = r.WallMs };
                var stamps = r.Stdout.Split('\n').Where(l => l.StartsWith("STEP ", StringComparison.Ordinal))
                    .Select(l => l.Split(' ')).ToDictionary(p => p[1], p => double.Parse(p[2], CultureInfo.InvariantCulture) * 1000);
                var previous = stamps["start"];
                foreach (var step in Steps)
                {
                    m[step] = stamps[step] - previous;
                    previous = stamps[step];
                }
                return m;
            }),
        ], ct, Console.Error.WriteLine);

        report.Compare(sides[0], sides[1],
            Steps.Select(s => (s, s, "ms", (double?)null)).Append(("total", "total (wall)", "ms", 1.0)));
        var pingFloor = (o.PingCount - 1) * 200;
        report.Line($"The ping step has a floor of {pingFloor} ms on both sides ({o.PingCount} echoes 200 ms apart). " +
                    $"The CLI total also includes bash's own start (the steps above are measured inside the script). Load average after: {BenchContext.LoadAverage()}.");
    }
}
