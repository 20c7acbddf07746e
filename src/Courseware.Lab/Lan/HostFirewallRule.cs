namespace Courseware.Lab;

/// <summary>A host firewall rule a lesson added, tagged with its session (<see cref="FirewallTag"/>); disposing it removes the rule.</summary>
public sealed class HostFirewallRule(string commandLine, Func<Task> remove) : IAsyncDisposable
{
    private int _removed;

    /// <summary>The iptables command that added it.</summary>
    public string CommandLine { get; } = commandLine;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 0) await remove().ConfigureAwait(false);
    }

    public override string ToString() => CommandLine;
}
