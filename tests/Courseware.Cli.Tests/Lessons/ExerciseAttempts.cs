using System.Text.Json.Nodes;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>One check's verdict as a session of attempts expects it: passed, or failed with a hint that holds this text.</summary>
public sealed record ExpectedVerdict(string Check, bool Passed, string Hint);

/// <summary>
/// One exercise solved in a terminal instead of in C#: the piece <see cref="Solution"/> of exercise cell
/// <see cref="Cell"/> (empty: the whole solution region) becomes the docker CLI command line <see cref="Shell"/> (run by sh; the notebook's parameters in
/// braces, as in a C# interpolated string). Its resources carry no course label; <see cref="Names"/> are the ones the
/// lesson's clean-up and a re-run of the exercise cell must remove by name.
/// </summary>
public sealed record TerminalSolution(string Cell, string Solution, string Shell, params string[] Names);

/// <summary>
/// A lesson's exercises tried the way a learner tries them, in one session: each exercise cell first as the student
/// version has it (untouched), then with each scripted mistake, then solved in a terminal with the docker CLI (where
/// the lesson has such a solution), then with the teacher's solution; each attempt re-runs the exercise's setup cells
/// and is followed by its check. One run shows the untouched hint, every wrong answer's own hint and the passes (where
/// the student version, the mistakes and the teacher version would each take a run), and it re-runs every exercise
/// cell, as a learner does: a cell that cannot be run again, or a re-run that trips over the terminal's resources,
/// fails here.
/// </summary>
public static class ExerciseAttempts
{
    /// <summary>
    /// Writes the session's notebook from the teacher version (<paramref name="teacher"/>, as loaded) and the student
    /// version's cells (<paramref name="student"/>), into <paramref name="path"/>. <paramref name="untouched"/> holds one
    /// hint per check, in order; <paramref name="mistakes"/> the scripted wrong answers (an exercise cell may have several).
    /// </summary>
    public static IReadOnlyList<ExpectedVerdict> Write(ExecutedNotebook teacher, ExecutedNotebook student, string path,
        IReadOnlyList<string> untouched, IReadOnlyList<(string Cell, string Solution, string Mistake, string Hint)> mistakes,
        TerminalSolution? terminal)
    {
        var source = teacher.Cells;
        var cells = new JsonArray();
        var expected = new List<ExpectedVerdict>();
        int? exercise = null;
        var checkIndex = 0;
        for (var i = 0; i < source.Count; i++)
        {
            var cell = source[i];
            if (SolutionRegions.HasRegion(ExecutedNotebook.Source(cell)))
            {
                // The exercise cell as the learner finds it; its other attempts follow its check.
                exercise = i;
                cells.Add(Copy(cell, ExecutedNotebook.Source(student.Cell(ExecutedNotebook.Id(cell)!)), ExecutedNotebook.Id(cell)!));
                continue;
            }
            cells.Add(cell.DeepClone());
            if (!ExecutedNotebook.Tags(cell).Contains("check")) continue;

            Assert.True(exercise is not null, $"the check cell {ExecutedNotebook.Id(cell)} has no exercise cell (one with {SolutionRegions.Begin}) above it");
            Assert.True(checkIndex < untouched.Count, $"{untouched.Count} untouched hints for more checks than that");
            var exerciseCell = source[exercise!.Value];
            var exerciseId = ExecutedNotebook.Id(exerciseCell)!;
            var solved = ExecutedNotebook.Source(exerciseCell);
            expected.Add(new ExpectedVerdict(ExecutedNotebook.Id(cell)!, false, untouched[checkIndex++]));

            var attempts = mistakes.Where(m => m.Cell == exerciseId)
                .Select(m => (Label: "mistake", m.Solution, Replacement: m.Mistake, Verdict: new ExpectedVerdict(ExecutedNotebook.Id(cell)!, false, m.Hint)))
                .ToList();
            if (terminal is not null && terminal.Cell == exerciseId)
                attempts.Add(("terminal", terminal.Solution.Length > 0 ? terminal.Solution : Region(solved), TerminalCode(terminal.Shell), new ExpectedVerdict(ExecutedNotebook.Id(cell)!, true, "")));
            attempts.Add(("solved", "", "", new ExpectedVerdict(ExecutedNotebook.Id(cell)!, true, "")));

            var setup = SetupCells(source, exercise.Value);
            for (var a = 0; a < attempts.Count; a++)
            {
                var (label, piece, replacement, verdict) = attempts[a];
                Assert.True(solved.Contains(piece, StringComparison.Ordinal), $"{exerciseId} does not contain the solution text an attempt replaces: {piece}");
                var suffix = $"{label}-{a + 1}";
                foreach (var s in setup) cells.Add(Copy(s, ExecutedNotebook.Source(s), $"{ExecutedNotebook.Id(s)}-{suffix}"));
                cells.Add(Copy(exerciseCell, piece.Length == 0 ? solved : solved.Replace(piece, replacement, StringComparison.Ordinal), $"{exerciseId}-{suffix}"));
                cells.Add(Copy(cell, ExecutedNotebook.Source(cell), $"{ExecutedNotebook.Id(cell)}-{suffix}"));
                expected.Add(verdict);
            }
            exercise = null;
        }
        Assert.Equal(untouched.Count, checkIndex);
        Assert.All(mistakes, m => Assert.Contains(source, c => ExecutedNotebook.Id(c) == m.Cell));
        if (terminal is not null) Assert.Contains(source, c => ExecutedNotebook.Id(c) == terminal.Cell);

        var root = (JsonObject)teacher.Root.DeepClone();
        root["cells"] = cells;
        File.WriteAllText(path, root.ToJsonString());
        return expected;
    }

    /// <summary>The learner's part of an exercise cell: everything between its solution markers.</summary>
    private static string Region(string source)
    {
        var begin = source.IndexOf(SolutionRegions.Begin, StringComparison.Ordinal) + SolutionRegions.Begin.Length;
        return source[begin..source.IndexOf(SolutionRegions.End, begin, StringComparison.Ordinal)].Trim('\n');
    }

    /// <summary>The code cells right above an exercise cell (back to the previous prose or check): its setup, which a retry re-runs.</summary>
    private static IReadOnlyList<JsonObject> SetupCells(IReadOnlyList<JsonObject> cells, int exercise)
    {
        var first = exercise;
        while (first > 0 && (string?)cells[first - 1]["cell_type"] == "code" && !ExecutedNotebook.Tags(cells[first - 1]).Contains("check")) first--;
        return cells.Skip(first).Take(exercise - first).ToList();
    }

    /// <summary>C# that runs the terminal's command line with sh and waits for it (the learner at a terminal, beside the notebook).</summary>
    private static string TerminalCode(string shell) =>
        "// Solved in a terminal instead, with the docker CLI:\n" +
        $"using (var terminal = System.Diagnostics.Process.Start(\"sh\", new[] {{ \"-c\", $\"{shell.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" }})!)\n" +
        "    await terminal.WaitForExitAsync();";

    private static JsonObject Copy(JsonObject cell, string source, string id)
    {
        var copy = (JsonObject)cell.DeepClone();
        copy["id"] = id;
        copy["source"] = source;
        return copy;
    }

    /// <summary>Each verdict as expected: a pass, or a failure whose message holds the expected hint.</summary>
    public static void AssertVerdicts(IReadOnlyList<ExpectedVerdict> expected, IReadOnlyList<(bool Passed, string Message)> actual)
    {
        Assert.True(expected.Count == actual.Count,
            $"{expected.Count} verdicts expected, {actual.Count} shown:\n{string.Join("\n", actual.Select(a => $"{(a.Passed ? "✓" : "✗")} {a.Message}"))}");
        for (var i = 0; i < expected.Count; i++)
        {
            var (passed, message) = actual[i];
            Assert.True(expected[i].Passed == passed, $"{expected[i].Check}, attempt {i + 1}: expected {(expected[i].Passed ? "a pass" : $"the hint '{expected[i].Hint}'")}, got {(passed ? "✓" : "✗")} {message}");
            if (!passed) Assert.True(message.Contains(expected[i].Hint, StringComparison.Ordinal), $"{expected[i].Check}, attempt {i + 1}: expected the hint '{expected[i].Hint}', got: {message}");
        }
    }
}
