using System.Globalization;

namespace Courseware.Bench.Harness;

/// <summary>The command line: <c>COMMAND [--quick] [--runs N] [--warmup N] …</c>.</summary>
public sealed record Options
{
    public string Command { get; init; } = "all";
    public bool Quick { get; init; }
    public int? Runs { get; init; }
    public int? Warmup { get; init; }
    public string? RunnerCmd { get; init; }
    public string? RunnerNotebook { get; init; }
    public int PingCount { get; init; } = 5;
    public int Parallel { get; init; } = 8;
    public IReadOnlyList<int> Sizes { get; init; } = [1, 10, 50];
    public string? Output { get; init; }
    public bool Experiment { get; init; } = true;
    public int SlowStartMs { get; init; } = 300;
    public string[] Raw { get; init; } = [];

    public static readonly string[] Commands = ["all", "runner", "steps", "ops", "readiness", "scale", "cluster", "kernels", "micro"];

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- COMMAND [options]

        commands:
          all         runner, steps, ops, readiness and scale, in that order
          runner      whole lesson 01 headless: courseware run vs dotnet-repl (cold process wall time, peak RSS of the tree)
          steps       lesson 01's steps: the library (in-process) vs a bash script of docker CLI commands
          ops         run+inspect+remove one container, and inspect alone: library vs docker CLI
          readiness   RunAsync return / engine StartedAt -> first HTTP 200 through the published port
          scale       1, 10, 50 exercise4 containers started and made ready with bounded parallelism
          cluster     whole lesson 07 (3-node swarm) headless vs lesson 02, same runner (not part of 'all': ~1 min a run)
          kernels     courseware kernel vs the official dotnet-interactive Jupyter kernel through jupyter_client: start to
                      first result (one-cell notebook, lesson 01), whole lesson 01, peak RSS (not part of 'all': ~5 min)
          micro       BenchmarkDotNet micro-benchmarks of the port-spec parser (not part of 'all')

        options:
          --quick               few runs, to prove the harness works (numbers are indicative only)
          --runs N              measured runs per side (overrides the per-comparison default)
          --warmup N            warm-up runs per side (default 1)
          --runner-cmd "CMD"    the courseware runner; default: env COURSEWARE_CLI, else
                                "build/cli/courseware" (scripts/build-runner.sh: ReadyToRun).
                                "run NOTEBOOK --output DIR" is appended unless CMD contains {notebook}
                                (then {notebook} and {output} are substituted)
          --runner-notebook P   notebook for 'runner' (default notebooks/01-exposing-ports.ipynb)
          --ping-count N        pings in 'steps', same on both sides (default 5, as the lesson)
          --parallel N          bounded parallelism in 'scale' (default 8)
          --sizes 1,10,50       container counts in 'scale'
          --no-experiment       'readiness': skip the polling-strategy experiments
          --slow-start-ms N     'readiness' experiment: the slow service's start delay (default 300)
          --output PATH         where the markdown report goes (default artifacts/bench/<time>-<command>.md)
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options { Raw = args };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--quick": o = o with { Quick = true }; break;
                case "--runs": o = o with { Runs = NextInt() }; break;
                case "--warmup": o = o with { Warmup = NextInt() }; break;
                case "--runner-cmd": o = o with { RunnerCmd = Next() }; break;
                case "--runner-notebook": o = o with { RunnerNotebook = Next() }; break;
                case "--ping-count": o = o with { PingCount = NextInt() }; break;
                case "--parallel": o = o with { Parallel = NextInt() }; break;
                case "--sizes": o = o with { Sizes = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() }; break;
                case "--no-experiment": o = o with { Experiment = false }; break;
                case "--slow-start-ms": o = o with { SlowStartMs = NextInt() }; break;
                case "--output": o = o with { Output = Next() }; break;
                case "-h" or "--help" or "help": o = o with { Command = "help" }; break;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException($"unknown option {args[i]}");
                    if (!Commands.Contains(args[i])) throw new ArgumentException($"unknown command {args[i]}");
                    o = o with { Command = args[i] };
                    break;
            }
        }
        if (o.Runs is < 1) throw new ArgumentException("--runs must be at least 1");
        if (o.PingCount is < 1 or > 100) throw new ArgumentException("--ping-count must be 1..100");
        return o;
    }

    /// <summary>Measured runs: --runs, else the comparison's default, else its --quick default.</summary>
    public int RunsFor(int normal, int quick) => Runs ?? (Quick ? quick : normal);

    public int WarmupRuns => Warmup ?? 1;
}
