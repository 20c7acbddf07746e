using System.CommandLine;
using Courseware.Lab;
using Spectre.Console;

namespace Courseware.Cli.Commands;

/// <summary>
/// <c>courseware seed</c>: makes sure the engine has the lessons' base image, the library's way (present, pulled, or
/// built from the host's static busybox), so that scripts/ensure-docker.sh and scripts/use-engine.sh, which run it
/// through scripts/seed-base-image.sh, never seed an image of their own making.
/// </summary>
public static class SeedCommand
{
    public static Command Create(ConsoleStreams streams)
    {
        var image = new Option<string>("--image")
        {
            Description = "The image to make sure of; a busybox one is built from the host's static busybox when no registry answers.",
            DefaultValueFactory = _ => LabImages.Base,
            HelpName = "IMAGE",
        };
        var command = new Command("seed",
            $"Makes sure the engine has {LabImages.Base}: present, pulled, or seeded from the host's static busybox " +
            $"(Debian's busybox-static), labelled {LabLabels.Seeded}=local-busybox.") { image };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = streams.CreateAnsiConsole();
            var name = parse.GetValue(image)!;
            try
            {
                // Someone else's leftovers are not this command's business (as for doctor): it only adds an image.
                await using var lab = await DockerLab.ConnectAsync("seed", new LabOptions { RemoveLeftovers = false }, cancellationToken).ConfigureAwait(false);
                var how = await lab.EnsureImageAsync(name, cancellationToken).ConfigureAwait(false);
                console.MarkupLine($"[green]✓[/] {Markup.Escape($"{name} {how}")}");
                return 0;
            }
            catch (LabException e)
            {
                return EngineFailure.Report(console, e);
            }
        });
        return command;
    }
}
