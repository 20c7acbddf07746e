using BenchmarkDotNet.Attributes;
using Courseware.Lab;
using Docker.DotNet.Models;

namespace Courseware.Bench.Micro;

/// <summary>
/// The pure-CPU part of RunAsync: parsing -p specs and turning them into the engine's PortBindings. Microseconds
/// against an engine round trip of milliseconds — measured to show it is not worth optimising, and to catch a
/// regression that would make it so.
/// </summary>
[MemoryDiagnoser]
public class PortSpecBenchmarks
{
    private static readonly string[] Specs = ["8080:80", "127.0.0.1::80", "[::1]:8080:80/udp", "8000-8010:80", "target=80,published=8080,protocol=tcp"];
    private PortPublication[] _parsed = [];

    [GlobalSetup]
    public void Setup() => _parsed = Specs.Select(PortPublication.Parse).ToArray();

    [Benchmark(Description = "Parse 5 -p specs")]
    public int Parse()
    {
        var n = 0;
        foreach (var s in Specs) n += PortPublication.Parse(s).ContainerPortStart;
        return n;
    }

    [Benchmark(Description = "ApplyTo CreateContainerParameters (5 specs)")]
    public int ApplyTo()
    {
        var p = new CreateContainerParameters();
        _parsed.ApplyTo(p);
        return p.HostConfig!.PortBindings!.Count;
    }
}
