using System.Diagnostics;
using Courseware.Bench.Harness;
using Courseware.Lab;
using Docker.DotNet;
using Docker.DotNet.Models;
using Resources = Courseware.Bench.Harness.Resources;

namespace Courseware.Bench.Comparisons;

/// <summary>
/// Per operation: run+inspect+remove of one busybox container, and inspect alone — the library in-process on a
/// connected client (what a notebook user gets after the first cell) against one docker CLI process per command
/// (what a terminal user gets).
/// </summary>
public static class OpsBench
{
    private static readonly string[] SleepCommand = ["sleep", "3600"];

    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var report = ctx.Report;
        var o = ctx.Options;
        report.Heading("ops: one container's run / inspect / remove, library vs docker CLI");
        var connect = Stopwatch.StartNew();
        var lab = await ctx.LabAsync("bench-ops", ct);
        var connectMs = connect.Ms();
        await lab.EnsureImageAsync("busybox:stable", ct);

        // The floor: the same engine calls straight through Docker.DotNet, with nothing of the library around them.
        using var raw = new DockerClientBuilder().Build();
        const string rawSession = "bench-raw";
        ctx.Resources.TrackSession(rawSession);
        var runs = o.RunsFor(15, 5);
        report.Line($"Library: `RunAsync(\"busybox:stable\", sleep 3600)`, `InspectAsync(id)`, `RmAsync(id)` on one connected `Lab`.");
        report.Line($"CLI: `docker run -d --label {Resources.CliLabel} busybox:stable sleep 3600`, `docker inspect ID`, `docker rm -f -v ID`, one process each.");
        report.Line($"Engine floor (reference): the bare API calls the docker CLI makes — create, start; inspect; remove (force) — through Docker.DotNet on a connected client, without the library's checks.");
        report.Line($"Alternating lib, cli, floor × {runs} after {o.WarmupRuns} warm-up each; load average before: {BenchContext.LoadAverage()}.");
        report.Line();

        var sides = await Alternation.RunAsync(o.WarmupRuns, runs,
        [
            ("library", async (_, token) =>
            {
                var m = new Measurement();
                var t = Stopwatch.GetTimestamp();
                var c = await lab.RunAsync("busybox:stable", new RunOptions { Command = SleepCommand, Interactive = false }, token);
                m["run"] = Alternation.MsSince(t);
                t = Stopwatch.GetTimestamp();
                var d = await lab.InspectAsync(c.Id, token);
                m["inspect"] = Alternation.MsSince(t);
                t = Stopwatch.GetTimestamp();
                var removed = await lab.RmAsync(c.Id, token);
                m["rm"] = Alternation.MsSince(t);
                m["total"] = m["run"] + m["inspect"] + m["rm"];
                if (!d.Running || !removed) return Measurement.Failed($"running={d.Running} removed={removed}");
                return m;
            }),
            ("docker CLI", async (_, token) =>
            {
                var m = new Measurement();
                var run = (await Shell.RunAsync("docker", ["run", "-d", "--label", Resources.CliLabel, "busybox:stable", "sleep", "3600"], cancellationToken: token)).EnsureOk("docker run");
                var id = run.Stdout.Trim();
                m["run"] = run.WallMs;
                var inspect = (await Shell.RunAsync("docker", ["inspect", id], cancellationToken: token)).EnsureOk("docker inspect");
                m["inspect"] = inspect.WallMs;
                var rm = (await Shell.RunAsync("docker", ["rm", "-f", "-v", id], cancellationToken: token)).EnsureOk("docker rm");
                m["rm"] = rm.WallMs;
                m["total"] = m["run"] + m["inspect"] + m["rm"];
                return m;
            }),
            ("engine floor", async (_, token) =>
            {
                var m = new Measurement();
                var t = Stopwatch.GetTimestamp();
                var created = await raw.Containers.CreateContainerAsync(new CreateContainerParameters
                {
                    Image = "busybox:stable",
                    Cmd = SleepCommand,
                    Labels = new Dictionary<string, string> { ["courseware.session"] = rawSession },
                    HostConfig = new HostConfig { DNS = ["127.0.0.1"] },
                }, token);
                await raw.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), token);
                m["run"] = Alternation.MsSince(t);
                t = Stopwatch.GetTimestamp();
                await raw.Containers.InspectContainerAsync(created.ID, token);
                m["inspect"] = Alternation.MsSince(t);
                t = Stopwatch.GetTimestamp();
                await raw.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token);
                m["rm"] = Alternation.MsSince(t);
                m["total"] = m["run"] + m["inspect"] + m["rm"];
                return m;
            }),
        ], ct, Console.Error.WriteLine);
        report.Compare(sides[0], sides[1],
        [
            ("run", "run (docker run -d)", "ms", 0.5),
            ("inspect", "inspect", "ms", 0.5),
            ("rm", "remove (rm -f)", "ms", 0.5),
            ("total", "run+inspect+remove", "ms", 0.5),
        ]);
        var floorRows = new List<IReadOnlyList<string>>();
        foreach (var (metric, label) in new[] { ("run", "run"), ("inspect", "inspect"), ("rm", "remove"), ("total", "run+inspect+remove") })
        {
            var f = sides[2].Summary(metric);
            // Paired by round (the arms alternate, so round i of each ran under the same load), then the median.
            var libOver = PairedMedian(sides[0], sides[2], metric);
            var cliOver = PairedMedian(sides[1], sides[2], metric);
            floorRows.Add([label, $"{f.MedianText("ms")} ms", f.SpreadText("ms"), $"{Summary.Fmt(libOver, "ms")} ms", $"{Summary.Fmt(cliOver, "ms")} ms",
                $"{Ratio.Text(f.Median / sides[1].Summary(metric).Median)}"]);
        }
        report.Line("Against the engine floor (what no client can go below: the engine's own work for these calls):");
        report.Line();
        report.Table(["op", "engine floor median", "p25–p75 (min–max)", "library above floor", "CLI above floor", "floor / CLI (best ratio any client can reach)"], floorRows);
        report.Line("\"above floor\" = median over rounds of (that side's time − the floor's time in the same round); negative values are noise.");
        report.Line();

        // Inspect alone, on one long-lived container.
        var target = await lab.RunAsync("busybox:stable", new RunOptions { Command = SleepCommand, Interactive = false }, ct);
        var inspectRuns = o.RunsFor(30, 10);
        report.Line($"Inspect alone: the same running container, alternating lib, cli × {inspectRuns} after {o.WarmupRuns} warm-up each.");
        report.Line();
        var inspectSides = await Alternation.RunAsync(o.WarmupRuns, inspectRuns,
        [
            ("library", async (_, token) =>
            {
                var t = Stopwatch.GetTimestamp();
                await lab.InspectAsync(target.Id, token);
                return new Measurement { ["inspect"] = Alternation.MsSince(t) };
            }),
            ("docker CLI", async (_, token) =>
            {
                var r = (await Shell.RunAsync("docker", ["inspect", target.Id], cancellationToken: token)).EnsureOk("docker inspect");
                return new Measurement { ["inspect"] = r.WallMs };
            }),
        ], ct, Console.Error.WriteLine);
        report.Compare(inspectSides[0], inspectSides[1], [("inspect", "inspect alone", "ms", 0.5)]);
        await lab.RmAsync(target.Id, ct);
        report.Line($"For context: the library's one-time `DockerLab.ConnectAsync` (docker version + docker info, a notebook's first cell) took {BenchContext.Num(connectMs)} ms here (with `-- ops` alone that is this process's first connect, JIT included); it is not in the per-operation numbers. Load average after: {BenchContext.LoadAverage()}.");
    }

    private static double PairedMedian(Side a, Side floor, string metric) =>
        Summary.Of(a.Runs.Zip(floor.Runs).Where(p => p.First.Ok && p.Second.Ok).Select(p => p.First[metric] - p.Second[metric])).Median;
}
