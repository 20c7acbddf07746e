using System.Globalization;

namespace Courseware.Bench.Harness;

/// <summary>Median and spread of one metric over the measured (non-warm-up) runs.</summary>
public sealed record Summary(int Count, double Median, double P25, double P75, double Min, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Summary(sorted.Length, Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted[0], sorted[^1]);
    }

    /// <summary>Linear interpolation between closest ranks (type 7, as R and numpy default).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 1) return sorted[0];
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public string MedianText(string unit) => Fmt(Median, unit);

    /// <summary>"p25–p75 (min–max)".</summary>
    public string SpreadText(string unit) => Count == 0 ? "–" : $"{Fmt(P25, unit)}–{Fmt(P75, unit)} ({Fmt(Min, unit)}–{Fmt(Max, unit)})";

    public static string Fmt(double v, string unit)
    {
        if (double.IsNaN(v)) return "–";
        return unit switch
        {
            "ms" => v >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v >= 10 ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture),
            "MB" => v.ToString("0", CultureInfo.InvariantCulture),
            _ => v.ToString("0.##", CultureInfo.InvariantCulture),
        };
    }
}

public static class Ratio
{
    public static double Of(Summary a, Summary b) => a.Count == 0 || b.Count == 0 || b.Median == 0 ? double.NaN : a.Median / b.Median;

    public static string Text(double r) => double.IsNaN(r) ? "–" : r.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"met" / "MISSED" against a ceiling.</summary>
    public static string Verdict(double value, double ceiling) => double.IsNaN(value) ? "n/a" : value <= ceiling ? "met" : "MISSED";
}
