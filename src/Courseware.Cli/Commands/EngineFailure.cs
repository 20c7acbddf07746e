using Courseware.Lab;
using Spectre.Console;

namespace Courseware.Cli.Commands;

/// <summary>
/// How a command that works on the engine reports the library's error: its problem and fix, never a stack trace, with
/// the exit codes of <c>courseware run</c> (3 for an engine that is not Docker: nothing to fix here, the lessons do not
/// apply to it; 1 otherwise).
/// </summary>
internal static class EngineFailure
{
    public static int Report(IAnsiConsole console, LabException e)
    {
        var notDocker = e is UnsupportedEngineException;
        console.MarkupLine(notDocker
            ? $"[yellow]⊘ not-on-engine: {Markup.Escape(e.Problem)}[/]"
            : $"[red]✗ {Markup.Escape(e.Problem)}[/]");
        console.MarkupLine($"  [grey]fix:[/] {Markup.Escape(e.Fix)}");
        return notDocker ? RunCommand.ExitNotOnThisEngine : RunCommand.ExitFailed;
    }
}
