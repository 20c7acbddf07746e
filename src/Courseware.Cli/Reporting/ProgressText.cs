using System.Globalization;
using Courseware.Cli.Execution;
using Courseware.Lab;

namespace Courseware.Cli.Reporting;

/// <summary>The words of a run's progress, shared by the plain and the live reporter so that both say the same.</summary>
public static class ProgressText
{
    public const int CodeWidth = 60;

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Header(NotebookHeader header) =>
        $"▶ {header.Name}.ipynb ({header.CodeCells} code cell{(header.CodeCells == 1 ? "" : "s")})" +
        (header.Parameters.Count == 0 ? "" : $" with {string.Join(", ", header.Parameters)}");

    /// <summary><c>  [ 3/12] ✓ ok              0.41 s  Console.WriteLine(hostPort);</c></summary>
    public static string CellLine(CellOutcome outcome)
    {
        var width = outcome.Total.ToString(CultureInfo.InvariantCulture).Length;
        var number = outcome.Number.ToString(CultureInfo.InvariantCulture).PadLeft(width);
        return $"  [{number}/{outcome.Total}] {outcome.Symbol} {outcome.Label,-14} {Seconds(outcome.Duration),8}  {Truncate(outcome.FirstLine, CodeWidth)}";
    }

    /// <summary>The error under a failed cell's line, indented, at most a few lines.</summary>
    public static IEnumerable<string> Detail(CellOutcome outcome)
    {
        if (outcome.Error is null || outcome.Status == CellStatus.Succeeded) yield break;
        foreach (var line in outcome.Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(outcome.Status == CellStatus.ExpectedError ? 1 : 6))
            yield return "          " + Truncate(line, 160);
    }

    /// <summary>Under a cell's line, one line per check it showed: <c>          ✗ check Publish on loopback: hint</c>.</summary>
    public static IEnumerable<string> CheckLines(CellOutcome outcome) =>
        outcome.Checks.Select(c => $"          {(c.Passed ? "✓" : "✗")} check {c.Title}: {Truncate(c.Message, 200)}");

    /// <summary>The score line of a notebook (none when it has no checks), and the checks that did not pass.</summary>
    public static IEnumerable<string> Score(CheckTally checks)
    {
        if (checks.Total == 0 && checks.NotApplicable.Count == 0) yield break;
        var notApplicable = checks.NotApplicable.Count == 0 ? "" : $" ({checks.NotApplicable.Count} not applicable on this engine)";
        yield return $"  Score: {checks.Passed}/{checks.Total} checks passed{notApplicable}";
        foreach (var failed in checks.Results.Where(r => !r.Passed))
            yield return $"    ✗ {failed.Title}: {Truncate(failed.Message, 200)}";
    }

    public static string Cleanup(CleanupReport? report, string? problem) =>
        problem is not null ? $"  ! {problem}" :
        report is null || report.Total == 0 ? "" :
        $"  ♻ clean-up: {report}" + Names(report);

    private static string Names(CleanupReport report)
    {
        var names = report.Containers.Concat(report.Networks).Concat(report.Images).ToList();
        return names.Count == 0 ? "" : $" ({string.Join(", ", names.Take(8))}{(names.Count > 8 ? ", …" : "")})";
    }

    public static string Footer(NotebookRunResult result)
    {
        if (result.NotOnThisEngine)
            return $"⊘ {result.Name}.ipynb does not run on this engine (stopped at cell {result.Cells[^1].Number} of {result.CodeCells}, " +
                   $"in {Seconds(result.Duration)}): {Truncate(result.NotOnThisEngineReason?.Split('\n')[0] ?? "", 300)}" +
                   (result.PdfProblem is null ? "" : $"; {result.PdfProblem}");
        var status = result.Succeeded ? "✓" : "✗";
        var verdict = result.Succeeded ? "succeeded" : result.Interrupted ? "interrupted" : "failed";
        var failures = result.Cells.Where(c => c.IsFailure).Select(c => $"cell {c.Number} {c.Label}").ToList();
        if (!result.Checks.AllPassed) failures.Add($"{result.Checks.Total - result.Checks.Passed} of {result.Checks.Total} checks not passed");
        var detail = failures.Count == 0 ? "" : $": {string.Join(", ", failures)}";
        var notRun = result.NotRun > 0 ? $"; {result.NotRun} cell{(result.NotRun == 1 ? "" : "s")} not run" : "";
        var written = (result.OutputProblem is null ? "" : $"; {result.OutputProblem}") + (result.PdfProblem is null ? "" : $"; {result.PdfProblem}");
        return $"{status} {result.Name}.ipynb {verdict} in {Seconds(result.Duration)} (kernel {Seconds(result.KernelStart)}){detail}{notRun}{written}";
    }

    public static IEnumerable<string> Summary(IReadOnlyList<NotebookRunResult> results, int notebooks, TimeSpan elapsed)
    {
        var failed = results.Count(r => !r.Succeeded && !r.NotOnThisEngine);
        var notOnThisEngine = results.Count(r => r.NotOnThisEngine);
        var outputs = results.SelectMany(r => r.Outputs).ToList();
        if (outputs.Count > 0)
        {
            yield return "Outputs:";
            foreach (var output in outputs) yield return "  " + output;
        }
        // Deliberately not "N passed, N failed": CI reads that wording as a test runner's closing line.
        var notRun = notebooks - results.Count;
        yield return $"Notebooks: {results.Count - failed - notOnThisEngine} succeeded, {failed} did not" +
                     (notOnThisEngine > 0 ? $", {notOnThisEngine} not for this engine" : "") +
                     (notRun > 0 ? $", {notRun} not run" : "") + $", in {Seconds(elapsed)}.";
    }

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
