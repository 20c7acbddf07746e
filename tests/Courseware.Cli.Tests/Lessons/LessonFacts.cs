using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// What each lesson's prose claims, checked in an executed notebook whichever kernel executed it: `courseware run`
/// (LessonRunTests, Lesson07MultiHostTests) or `courseware kernel` under Jupyter's nbconvert (JupyterLessonTests).
/// Cells are found by their id, never by a piece of their code. One file per lesson (LessonFacts.LESSON.cs).
/// </summary>
public static partial class LessonFacts
{
    /// <summary>The facts of the lesson with this metadata.courseware.id; a lesson without them fails, so none goes unchecked.</summary>
    public static async Task AssertAsync(string id, ExecutedNotebook lesson)
    {
        switch (id)
        {
            case "exposing-ports": await Lesson01Async(lesson); break;
            case "container-to-host": await ContainerToHostAsync(lesson); break;
            case "who-can-reach-your-ports": await WhoCanReachYourPortsAsync(lesson); break;
            case "under-the-hood": await UnderTheHoodAsync(lesson); break;
            case "container-to-container": await Lesson05Async(lesson); break;
            case "names-and-dns": await Lesson06Async(lesson); break;
            case "multi-host-networking": Lesson07(lesson); break;
            default: throw new Xunit.Sdk.XunitException($"{id}: a new lesson needs its facts in LessonFacts.<Lesson>.cs");
        }
    }

    /// <summary>The pattern's first group in a cell's text (an address, a port the facts go on to compare); a failure with the text when it is not there.</summary>
    private static string FirstGroup(string text, string pattern) => Regex.Match(text, pattern).Groups[1].Value is { Length: > 0 } value ? value
        : throw new Xunit.Sdk.XunitException($"no match for {pattern} in:\n{text}");
}
