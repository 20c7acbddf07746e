using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Courseware.Bench.Comparisons;
using Courseware.Bench.Harness;
using Courseware.Bench.Micro;

namespace Courseware.Bench;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }
        if (options.Command == "help")
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }
        var root = FindRepoRoot();
        Environment.CurrentDirectory = root;
        if (options.Command == "micro") return RunMicro(options);

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("[bench] stopping after the current step; cleaning up…");
            cancel.Cancel();
        };

        await using var ctx = new BenchContext(options, root);
        var report = ctx.Report;
        report.Line($"# Courseware benchmarks: {options.Command}{(options.Quick ? " (--quick)" : "")}");
        report.Line();
        report.Line($"Command: `dotnet run -c Release --project bench -- {string.Join(' ', args)}`");
        report.Line();
        report.Table(["machine", ""], (await Machine.DescribeAsync(root)).Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]));

        var status = 0;
        var comparisons = options.Command == "all" ? ["runner", "steps", "ops", "readiness", "scale"] : new[] { options.Command };
        try
        {
            foreach (var name in comparisons)
            {
                cancel.Token.ThrowIfCancellationRequested();
                try
                {
                    await (name switch
                    {
                        "runner" => RunnerBench.RunAsync(ctx, cancel.Token),
                        "steps" => StepsBench.RunAsync(ctx, cancel.Token),
                        "ops" => OpsBench.RunAsync(ctx, cancel.Token),
                        "readiness" => ReadinessBench.RunAsync(ctx, cancel.Token),
                        "scale" => ScaleBench.RunAsync(ctx, cancel.Token),
                        "cluster" => ClusterLessonBench.RunAsync(ctx, cancel.Token),
                        "kernels" => KernelBench.RunAsync(ctx, cancel.Token),
                        _ => throw new InvalidOperationException(name),
                    });
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    report.Line($"ERROR in {name}: {e.GetType().Name}: {e.Message}");
                    Console.Error.WriteLine(e);
                    status = 1;
                }
                // Each comparison leaves the engine as it found it.
                await ctx.CleanupAsync();
            }
        }
        catch (OperationCanceledException)
        {
            report.Line("Interrupted.");
            status = 130;
        }
        finally
        {
            await ctx.CleanupAsync();
            var (c, n, i) = await ctx.Resources.CountOursAsync();
            report.Line();
            report.Line($"Leak check (everything labelled by this bench or its runners): {c} container(s), {n} network(s), {i} image(s) left.");
            if (c + n + i > 0) status = status == 0 ? 1 : status;
            var output = options.Output ?? Path.Combine(root, "artifacts", "bench", $"{ctx.Started:yyyyMMdd-HHmmss}-{options.Command}{(options.Quick ? "-quick" : "")}.md");
            report.Save(output);
            Console.Error.WriteLine($"[bench] report written to {output}");
        }
        return status;
    }

    private static int RunMicro(Options options)
    {
        var config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(Environment.CurrentDirectory, "artifacts", "bench", "BenchmarkDotNet"))
            .AddJob((options.Quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance));
        var summary = BenchmarkRunner.Run<PortSpecBenchmarks>(config);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }

    /// <summary>The folder holding Courseware.sln, from the working directory or the binary's location upwards.</summary>
    private static string FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Courseware.sln")) && Directory.Exists(Path.Combine(dir.FullName, "bench")))
                    return dir.FullName;
        throw new InvalidOperationException("Run from inside the Courseware repository (no Courseware.sln with a bench/ folder found above here).");
    }
}
