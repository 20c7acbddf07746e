using System.Diagnostics;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// A child process given a deadline: waited for, or killed with its whole tree (a kernel or browser it started
/// included, so a hung run leaves nothing behind) and reported with what it had printed.
/// </summary>
public static class ProcessDeadline
{
    public static async Task WaitAsync(Process process, TimeSpan timeout, string what, Func<Task<string>> printed)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{what} did not finish within {timeout.TotalSeconds:0} s:\n{await printed()}");
        }
    }
}
