using System.CommandLine;
using System.Runtime.InteropServices;
using Courseware.Cli.Jupyter;

namespace Courseware.Cli.Commands;

/// <summary>
/// <c>courseware kernel --connection-file FILE</c> (what a front end runs, from the kernelspec), and
/// <c>courseware kernel install / uninstall</c>, which write and remove that kernelspec.
/// </summary>
public static class KernelCommand
{
    public static Command Create(ConsoleStreams streams)
    {
        var connectionFile = new Option<string>("--connection-file", "-f")
        {
            Description = "The connection file the Jupyter front end wrote (ports and signing key).",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("kernel", $"Runs the C# kernel for Jupyter front ends (VS Code's Jupyter extension, JupyterLab, Jupyter Notebook): the kernelspec '{KernelSpec.Name}' starts it.")
        {
            connectionFile, CreateInstall(streams), CreateUninstall(streams),
        };
        command.SetAction(async (parse, _) =>
        {
            ConnectionFile connection;
            try
            {
                connection = ConnectionFile.Read(parse.GetValue(connectionFile)!);
            }
            catch (InvalidDataException e)
            {
                await streams.Error.WriteLineAsync($"courseware kernel: {e.Message}").ConfigureAwait(false);
                return RunCommand.ExitUsage;
            }
            // SIGTERM (a front end that gives up waiting) still cleans up the session's containers.
            using var stop = new CancellationTokenSource();
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
            // Jupyter's own interrupt mode here is a message; SIGINT from a terminal is left to the front end's message.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
            await JupyterKernel.RunAsync(connection, streams.Error, stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static (Option<bool> User, Option<string> Prefix) Where()
    {
        var user = new Option<bool>("--user") { Description = "The user's Jupyter data folder (the default)." };
        var prefix = new Option<string>("--prefix") { Description = "DIR/share/jupyter/kernels instead (a virtual environment, a test).", HelpName = "DIR" };
        return (user, prefix);
    }

    private static Command CreateInstall(ConsoleStreams streams)
    {
        var (user, prefix) = Where();
        var command = new Command("install", $"Writes the kernelspec '{KernelSpec.Name}' (\"{KernelSpec.DisplayName}\"), which starts this runner as the kernel.") { user, prefix };
        command.SetAction(parse =>
        {
            if (parse.GetValue(user) && parse.GetValue(prefix) is not null)
            {
                streams.Error.WriteLine("courseware kernel install: --user and --prefix exclude each other; give one.");
                return RunCommand.ExitUsage;
            }
            try
            {
                var folder = KernelSpec.Install(parse.GetValue(prefix));
                streams.Out.WriteLine($"installed kernelspec {KernelSpec.Name} (\"{KernelSpec.DisplayName}\") in {folder}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                streams.Error.WriteLine($"courseware kernel install: cannot write the kernelspec: {e.Message}. Pass --prefix DIR for a folder you can write.");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateUninstall(ConsoleStreams streams)
    {
        var (user, prefix) = Where();
        var command = new Command("uninstall", $"Removes the kernelspec '{KernelSpec.Name}'.") { user, prefix };
        command.SetAction(parse =>
        {
            var folder = Path.Combine(KernelSpec.KernelsFolder(parse.GetValue(prefix)), KernelSpec.Name);
            streams.Out.WriteLine(KernelSpec.Uninstall(parse.GetValue(prefix)) ? $"removed {folder}" : $"no kernelspec {KernelSpec.Name} at {folder}: nothing to remove");
            return 0;
        });
        return command;
    }
}
