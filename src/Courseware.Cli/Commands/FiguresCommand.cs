using System.CommandLine;
using Courseware.Cli.Figures;
using Courseware.Lab;
using Spectre.Console;

namespace Courseware.Cli.Commands;

/// <summary><c>courseware figures</c>: regenerates images/ps.png and images/inspect.png from a real run of lesson 01's steps.</summary>
public static class FiguresCommand
{
    public static Command Create(ConsoleStreams streams)
    {
        var output = new Option<string>("--output", "-o") { Description = "Where to write ps.png and inspect.png.", DefaultValueFactory = _ => "images" };
        var port = new Option<int>("--host-port") { Description = "The host port of -p HOST:80, as in the lesson.", DefaultValueFactory = _ => 8080 };
        var command = new Command("figures", "Regenerates the lesson's figures (docker ps, docker inspect) from a real run; needs Docker and Chromium.") { output, port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = streams.CreateAnsiConsole();
            var root = FindRepositoryRoot();
            try
            {
                var files = await LessonFigures.GenerateAsync(root, Path.GetFullPath(parse.GetValue(output)!), parse.GetValue(port), cancellationToken).ConfigureAwait(false);
                foreach (var file in files) console.MarkupLine($"[green]✓[/] {Markup.Escape(file)}");
                return 0;
            }
            catch (LabException e)
            {
                console.MarkupLine($"[red]✗ {Markup.Escape(e.Problem)}[/]");
                console.MarkupLine($"  [grey]fix:[/] {Markup.Escape(e.Fix)}");
                return 1;
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLine($"[red]✗ {Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return command;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "exercise4"))) return dir.FullName;
        throw new InvalidOperationException("Run this from the repository (the folder with exercise4/).");
    }
}
