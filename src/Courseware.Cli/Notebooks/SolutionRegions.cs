using System.Text;

namespace Courseware.Cli.Notebooks;

/// <summary>
/// nbgrader's solution regions, in C# comments: a teacher's code cell holds its answer between a line
/// <c>// BEGIN SOLUTION</c> and a line <c>// END SOLUTION</c>. The student version keeps every other character and
/// puts, at the region's indentation, <c>// YOUR CODE HERE</c> and a line that throws
/// <see cref="Courseware.Lab.ExerciseNotDoneException"/>, so a cell run unchanged fails saying what to do.
/// Write a region so that nothing after it in the cell needs what it declares, or the student cell fails to compile
/// instead of failing clearly.
/// </summary>
public static class SolutionRegions
{
    public const string Begin = "// BEGIN SOLUTION";
    public const string End = "// END SOLUTION";
    public const string Placeholder = "// YOUR CODE HERE";
    public const string FailingLine = "throw new ExerciseNotDoneException();";

    /// <summary>The student form of a cell's source and how many regions it replaced.</summary>
    public static (string Source, int Regions) ToStudent(string source)
    {
        var result = new StringBuilder(source.Length);
        var regions = 0;
        string? indent = null;
        var beginLine = 0;
        var number = 0;
        foreach (var line in Lines(source))
        {
            number++;
            var content = line.TrimEnd('\r', '\n');
            var trimmed = content.Trim();
            if (trimmed == Begin)
            {
                if (indent is not null) throw new SolutionRegionException($"line {number}: '{Begin}' inside the region opened on line {beginLine}; close it first with '{End}'");
                indent = content[..(content.Length - content.TrimStart().Length)];
                beginLine = number;
                continue;
            }
            if (trimmed == End)
            {
                if (indent is null) throw new SolutionRegionException($"line {number}: '{End}' without a '{Begin}' before it");
                var newline = line.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
                var lastNewline = line.Length > content.Length ? line[content.Length..] : "";
                result.Append(indent).Append(Placeholder).Append(newline).Append(indent).Append(FailingLine).Append(lastNewline);
                indent = null;
                regions++;
                continue;
            }
            if (indent is null) result.Append(line);
        }
        if (indent is not null) throw new SolutionRegionException($"line {beginLine}: '{Begin}' is never closed with '{End}'");
        return (result.ToString(), regions);
    }

    /// <summary>Does this source hold a region (the teacher's answer)?</summary>
    public static bool HasRegion(string source) => Lines(source).Any(l => l.Trim() == Begin);

    /// <summary>The lines of a text, each with its line break (the last may have none).</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            yield return text[start..(i + 1)];
            start = i + 1;
        }
        if (start < text.Length) yield return text[start..];
    }
}

/// <summary>A solution region that is not closed, or closed twice: the student version cannot be written.</summary>
public sealed class SolutionRegionException(string message) : Exception(message);
