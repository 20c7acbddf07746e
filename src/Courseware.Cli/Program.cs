using System.CommandLine;
using Courseware.Cli.Commands;

namespace Courseware.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The in-process kernel swaps Console.Out while a cell runs and sends what other code writes meanwhile to
        // nowhere: the runner writes only to the writers it had before any kernel existed.
        var streams = new ConsoleStreams(Console.Out, Console.Error);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var root = BuildRootCommand(streams);
        var configuration = new InvocationConfiguration
        {
            Output = streams.Out,
            Error = streams.Error,
            // The run command handles Ctrl+C and SIGTERM itself: it must cancel the cell, clean up and write the
            // executed notebook, which System.CommandLine's forced exit after a timeout would cut short.
            ProcessTerminationTimeout = null,
        };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }

    public static RootCommand BuildRootCommand(ConsoleStreams streams) =>
        new("courseware: runs the Docker networking lessons headless, exports them, writes their student versions, checks this machine for them and seeds their base image.")
        {
            RunCommand.Create(streams),
            DoctorCommand.Create(streams),
            CleanCommand.Create(streams),
            SeedCommand.Create(streams),
            FiguresCommand.Create(streams),
            StudentCommand.Create(streams),
            KernelCommand.Create(streams),
        };
}

/// <summary>The process's real stdout and stderr, captured before any kernel could redirect Console.</summary>
public sealed record ConsoleStreams(TextWriter Out, TextWriter Error)
{
    /// <summary>Colours on a terminal; in logs and pipes plain text, never wrapped, so that lines stay greppable.</summary>
    public Spectre.Console.IAnsiConsole CreateAnsiConsole()
    {
        var interactive = IsInteractiveTerminal;
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(Out),
            Ansi = interactive ? Spectre.Console.AnsiSupport.Detect : Spectre.Console.AnsiSupport.No,
            ColorSystem = interactive ? Spectre.Console.ColorSystemSupport.Detect : Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = interactive ? Spectre.Console.InteractionSupport.Detect : Spectre.Console.InteractionSupport.No,
        });
        if (!interactive) console.Profile.Width = 4096;
        return console;
    }

    /// <summary>A live display only for a person at a terminal: CI logs and pipes get plain lines.</summary>
    public bool IsInteractiveTerminal =>
        !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");
}
