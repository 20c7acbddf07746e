using System.CommandLine;
using Courseware.Lab;
using Spectre.Console;

namespace Courseware.Cli.Commands;

/// <summary><c>courseware clean</c>: removes every container, network and image any lesson created on this engine.</summary>
public static class CleanCommand
{
    public static Command Create(ConsoleStreams streams)
    {
        var keepImages = new Option<bool>("--keep-images") { Description = "Keep the images the lessons built (faster next run)." };
        var command = new Command("clean", $"Removes every resource labelled {LabLabels.Session}, from any lesson or run.") { keepImages };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = streams.CreateAnsiConsole();
            CleanupReport report;
            try
            {
                report = await DockerLab.CleanAllAsync(images: !parse.GetValue(keepImages), cancellationToken).ConfigureAwait(false);
            }
            catch (LabException e)
            {
                // Exit 1 with the problem and fix; 3 on an engine that is not Docker (Podman): no lesson ran there, nothing to remove.
                return EngineFailure.Report(console, e);
            }
            foreach (var name in report.Containers) console.MarkupLine($"removed container {Markup.Escape(name)}");
            foreach (var name in report.Networks) console.MarkupLine($"removed network   {Markup.Escape(name)}");
            foreach (var name in report.Images) console.MarkupLine($"removed image     {Markup.Escape(name)}");
            console.MarkupLine($"[green]✓[/] {Markup.Escape(report.ToString())}");
            return 0;
        });
        return command;
    }
}
