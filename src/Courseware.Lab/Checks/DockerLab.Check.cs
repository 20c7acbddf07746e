namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// Runs a check cell's body against the engine and returns its verdict; it never throws for a wrong answer.
    /// <code>
    /// await docker.CheckAsync("Publish on loopback only", async check =>
    /// {
    ///     var web = await check.ContainerAsync("loopback-web");
    ///     check.That(web.Ports.Any(p => p.HostIp == "127.0.0.1"), "It listens on every interface: write -p 127.0.0.1:8085:80");
    ///     check.Verified("published on 127.0.0.1 only");
    /// })
    /// </code>
    /// A hint from <see cref="Check.That"/> or <see cref="Check.Fail"/> becomes ✗ with that hint; a
    /// <see cref="LabException"/> on the way (the engine said no) becomes ✗ with its problem and fix; anything else
    /// becomes ✗ naming the error, without a stack trace. Only cancelling the cell propagates.
    /// </summary>
    public async Task<CheckResult> CheckAsync(string title, Func<Check, Task> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var check = new Check(this);
        try
        {
            await body(check).ConfigureAwait(false);
            return new CheckResult(title, true, check.Facts.Count == 0 ? "done" : string.Join("; ", check.Facts), check.Facts.ToList());
        }
        catch (CheckFailedException e)
        {
            return new CheckResult(title, false, e.Hint, check.Facts.ToList());
        }
        catch (LabException e)
        {
            return new CheckResult(title, false, $"{e.Problem} {e.Fix}", check.Facts.ToList());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return new CheckResult(title, false, $"The check could not finish ({e.GetType().Name}: {Innermost(e).Message}). Run your exercise cell again, then this check.", check.Facts.ToList());
        }
    }
}
