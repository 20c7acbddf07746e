using System.Text;

namespace Courseware.Lab;

/// <summary>One row of lesson 03's table: what the neighbour tried, what it got here, and what each engine does.</summary>
public sealed record ExposureRow(Exposure What, ReachResult? Observed, bool Before28, bool From28, bool ExpectedHere)
{
    public string Description => LanExposure.Describe(What);

    /// <summary>False when this engine did something other than the lesson says: the lesson would be teaching a wrong fact.</summary>
    public bool AsExpected => Observed is null || Observed.Reachable == ExpectedHere;
}

/// <summary>Lesson 03's table for one engine: observed where a neighbour could be made, expected everywhere.</summary>
public sealed record LanExposureReport(EngineInfo Engine, bool Live, string Why, IReadOnlyList<ExposureRow> Rows)
{
    public static LanExposureReport From(EngineInfo engine, LanNeighbour neighbour, IReadOnlyDictionary<Exposure, ReachResult> observed,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(neighbour))] string? neighbourExpression = null)
    {
        neighbour = EarlierStep.Neighbour(neighbour, neighbourExpression);
        return new(engine, neighbour.Available, neighbour.Why, LanExposure.All
            .Where(e => !neighbour.Available || observed.ContainsKey(e))
            .Select(e => new ExposureRow(e, neighbour.Available ? observed[e] : null, LanExposure.Expected(e).Before28, LanExposure.Expected(e).From28, LanExposure.ExpectedOn(engine, e)))
            .ToList());
    }

    public static string Word(bool reachable) => reachable ? "reachable" : "blocked";

    public override string ToString()
    {
        var header = new[] { "what the neighbour tries", Live ? $"here (Engine {Engine.EngineVersion})" : "here", "Engine < 28", "Engine ≥ 28" };
        var rows = Rows.Select(r => new[]
        {
            r.Description + (r.Observed is null ? "" : $" [{r.Observed.Target}]"),
            r.Observed is null ? "not tried" : Word(r.Observed.Reachable) + (r.AsExpected ? "" : " (UNEXPECTED)"),
            Word(r.Before28),
            Word(r.From28),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        if (!Live) sb.Append("No neighbour on this engine: ").AppendLine(Why);
        foreach (var line in rows.Prepend(header))
            sb.AppendLine(string.Join(" | ", line.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        return sb.ToString().TrimEnd();
    }
}
