namespace Courseware.Lab;

/// <summary>A host firewall rule a lesson added, tagged with its session (<see cref="FirewallTag"/>); disposing it removes the rule.</summary>
public sealed class HostFirewallRule : IAsyncDisposable
{
    private readonly Func<Task> _remove;
    private int _removed;

    internal HostFirewallRule(string commandLine, Func<Task> remove)
    {
        CommandLine = commandLine;
        _remove = remove;
    }

    /// <summary>The iptables command that added it.</summary>
    public string CommandLine { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 0) await _remove().ConfigureAwait(false);
    }

    public override string ToString() => CommandLine;
}
