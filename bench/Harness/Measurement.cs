namespace Courseware.Bench.Harness;

/// <summary>One run of one side: named metrics (ms, MB, …), whether it succeeded, and a note if not.</summary>
public sealed class Measurement
{
    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);
    public bool Ok { get; set; } = true;
    public string? Note { get; set; }

    public double this[string metric]
    {
        get => Metrics.TryGetValue(metric, out var v) ? v : double.NaN;
        set => Metrics[metric] = value;
    }

    public static Measurement Failed(string note) => new() { Ok = false, Note = note };
}

/// <summary>All measured runs of one side of a comparison.</summary>
public sealed class Side(string name)
{
    public string Name { get; } = name;
    public List<Measurement> Runs { get; } = [];
    public IEnumerable<Measurement> Good => Runs.Where(r => r.Ok);
    public int Failures => Runs.Count(r => !r.Ok);
    public Summary Summary(string metric) => Harness.Summary.Of(Good.Select(r => r[metric]));
}
