using System.Text;

namespace Courseware.Bench.Harness;

/// <summary>
/// Markdown tables, printed as they are made (they read fine as plain text) and collected into one file so that
/// docs/benchmarks.md can quote a run verbatim.
/// </summary>
public sealed class Report
{
    private readonly StringBuilder _all = new();

    public void Line(string text = "")
    {
        Console.WriteLine(text);
        _all.AppendLine(text);
    }

    /// <summary>
    /// A comparison that cannot run here says what it needs, and the benchmark goes on with the next one. True when
    /// something is missing (the caller returns).
    /// </summary>
    public bool SkippedFor(IReadOnlyList<string> missing)
    {
        if (missing.Count == 0) return false;
        Line("SKIPPED — this comparison needs:");
        foreach (var m in missing) Line($"- {m}");
        Line();
        return true;
    }

    public void Heading(string text)
    {
        Line();
        Line($"## {text}");
        Line();
    }

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var body = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, body.Count == 0 ? 0 : body.Max(r => i < r.Count ? r[i].Length : 0))).ToArray();
        string Row(IReadOnlyList<string> cells) =>
            "| " + string.Join(" | ", widths.Select((w, i) => (i < cells.Count ? cells[i] : "").PadRight(w))) + " |";
        Line(Row(header));
        Line("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var r in body) Line(Row(r));
        Line();
    }

    /// <summary>The usual comparison table: one row per metric, each side's median and spread, and the ratio A/B.</summary>
    public void Compare(Side a, Side b, IEnumerable<(string Metric, string Label, string Unit, double? Ceiling)> metrics)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (metric, label, unit, ceiling) in metrics)
        {
            var sa = a.Summary(metric);
            var sb = b.Summary(metric);
            var r = Ratio.Of(sa, sb);
            rows.Add([label, $"{sa.MedianText(unit)} {unit}", sa.SpreadText(unit), $"{sb.MedianText(unit)} {unit}", sb.SpreadText(unit), Ratio.Text(r),
                ceiling is { } c ? $"≤ {c:0.0#}: {Ratio.Verdict(r, c)}" : ""]);
        }
        Table(["metric", $"{a.Name} median", "p25–p75 (min–max)", $"{b.Name} median", "p25–p75 (min–max)", "ratio A/B", "target"], rows);
        Line($"Runs: {a.Name} {a.Good.Count()} ok / {a.Failures} failed; {b.Name} {b.Good.Count()} ok / {b.Failures} failed.");
        foreach (var f in a.Runs.Concat(b.Runs).Where(r => !r.Ok).Select(r => r.Note).Distinct().Take(5))
            Line($"- failure: {f}");
        Line();
    }

    public string Text => _all.ToString();

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, _all.ToString());
    }
}
