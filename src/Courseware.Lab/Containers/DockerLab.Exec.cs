using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary><c>docker exec CONTAINER COMMAND...</c>: runs a command in a running container and captures its output.</summary>
    public async Task<ExecResult> ExecAsync(string container, params string[] command) =>
        await ExecAsync(EarlierStep.Name(container, null), command, CancellationToken.None).ConfigureAwait(false);

    /// <summary><c>docker exec CONTAINER COMMAND...</c> with cancellation.</summary>
    public async Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        EarlierStep.Name(container, null);
        if (command.Count == 0)
            throw new LabException("No command was given to exec.", "Name the command and its arguments, e.g. ExecAsync(\"web\", \"ip\", \"addr\").");
        var details = await InspectAsync(container, cancellationToken).ConfigureAwait(false);
        if (!details.Running)
            throw new ContainerExitedException(details.Name, details.ExitCode, await LogsAsync(details.Id, 20, cancellationToken).ConfigureAwait(false));
        return await Session.EngineAsync(CliTwin.Command(["docker", "exec", details.Name, .. command]), async () =>
        {
            var exec = await Client.Exec.CreateContainerExecAsync(details.Id, new ContainerExecCreateParameters
            {
                AttachStdout = true,
                AttachStderr = true,
                Cmd = command.ToList(),
            }, cancellationToken).ConfigureAwait(false);
            string stdout, stderr;
            using (var stream = await Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), cancellationToken).ConfigureAwait(false))
                (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            var inspect = await Client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
            return new ExecResult(details.Name, command, inspect.ExitCode ?? -1, stdout, stderr);
        }, "The container stopped or was removed while the command ran? docker ps -a shows its state; re-run the cell that starts it.").ConfigureAwait(false);
    }
}
