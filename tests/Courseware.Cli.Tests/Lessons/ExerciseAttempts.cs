using System.Text.Json.Nodes;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>One check's verdict as a session of attempts expects it: passed, or failed with a hint that holds this text.</summary>
public sealed record ExpectedVerdict(string Check, bool Passed, string Hint);

/// <summary>
/// A lesson's exercises tried the way a learner tries them, in one session: each exercise cell first as the student
/// version has it (untouched), then with each scripted mistake, then with the teacher's solution, each attempt followed
/// by its check. One run shows the untouched hint, every wrong answer's own hint and the pass (where the student
/// version, the mistakes and the teacher version would each take a run), and it re-runs every exercise cell, as a
/// learner does: a cell that cannot be run again fails here.
/// </summary>
public static class ExerciseAttempts
{
    /// <summary>
    /// Writes the session's notebook from the teacher version (<paramref name="teacher"/>, as loaded) and the student
    /// version's cells (<paramref name="student"/>), into <paramref name="path"/>. <paramref name="untouched"/> holds one
    /// hint per check, in order; <paramref name="mistakes"/> the scripted wrong answers (an exercise cell may have several).
    /// </summary>
    public static IReadOnlyList<ExpectedVerdict> Write(ExecutedNotebook teacher, ExecutedNotebook student, string path,
        IReadOnlyList<string> untouched, IReadOnlyList<(string Cell, string Solution, string Mistake, string Hint)> mistakes)
    {
        var cells = new JsonArray();
        var expected = new List<ExpectedVerdict>();
        JsonObject? exercise = null;
        var checkIndex = 0;
        foreach (var cell in teacher.Cells)
        {
            var source = ExecutedNotebook.Source(cell);
            if (SolutionRegions.HasRegion(source))
            {
                // The exercise cell as the learner finds it; its attempts follow its check.
                exercise = cell;
                cells.Add(WithSource(cell, ExecutedNotebook.Source(student.Cell(ExecutedNotebook.Id(cell)!)), ExecutedNotebook.Id(cell)!));
                continue;
            }
            cells.Add(cell.DeepClone());
            if (!ExecutedNotebook.Tags(cell).Contains("check")) continue;

            Assert.True(exercise is not null, $"the check cell {ExecutedNotebook.Id(cell)} has no exercise cell (one with {SolutionRegions.Begin}) above it");
            Assert.True(checkIndex < untouched.Count, $"{untouched.Count} untouched hints for more checks than that");
            var checkId = ExecutedNotebook.Id(cell)!;
            var exerciseId = ExecutedNotebook.Id(exercise!)!;
            expected.Add(new ExpectedVerdict(checkId, false, untouched[checkIndex++]));
            var attempt = 0;
            foreach (var (_, solution, mistake, hint) in mistakes.Where(m => m.Cell == exerciseId))
            {
                var teacherSource = ExecutedNotebook.Source(exercise!);
                Assert.True(teacherSource.Contains(solution, StringComparison.Ordinal), $"{exerciseId} does not contain the solution text a mistake replaces: {solution}");
                attempt++;
                cells.Add(WithSource(exercise!, teacherSource.Replace(solution, mistake, StringComparison.Ordinal), $"{exerciseId}-mistake-{attempt}"));
                cells.Add(WithSource(cell, source, $"{checkId}-mistake-{attempt}"));
                expected.Add(new ExpectedVerdict(checkId, false, hint));
            }
            cells.Add(WithSource(exercise!, ExecutedNotebook.Source(exercise!), $"{exerciseId}-solved"));
            cells.Add(WithSource(cell, source, $"{checkId}-solved"));
            expected.Add(new ExpectedVerdict(checkId, true, ""));
            exercise = null;
        }
        Assert.Equal(untouched.Count, checkIndex);
        Assert.All(mistakes, m => Assert.Contains(teacher.Cells, c => ExecutedNotebook.Id(c) == m.Cell));

        var root = (JsonObject)teacher.Root.DeepClone();
        root["cells"] = cells;
        File.WriteAllText(path, root.ToJsonString());
        return expected;
    }

    private static JsonObject WithSource(JsonObject cell, string source, string id)
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
