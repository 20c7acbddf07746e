namespace Courseware.Lab;

/// <summary>
/// The running notebook cell's cancellation, for every engine call the library makes. A learner writes
/// <c>await docker.PingAsync("web")</c>, with no token; when the front end interrupts the cell (Jupyter's interrupt,
/// <c>courseware run</c>'s Ctrl+C or --cell-timeout), the HTTP call to the engine is cancelled, not left running
/// after the cell was reported stopped. The notebook host says where the cell's token is (Courseware.Lab.Interactive
/// sets it to the kernel's invocation context); outside a notebook there is none and nothing changes.
/// </summary>
public static class CellCancellation
{
    private static readonly AsyncLocal<bool> Suppressed = new();

    /// <summary>The running cell's token; set once by the notebook host. Null outside a notebook.</summary>
    public static Func<CancellationToken>? Source { get; set; }

    internal static CancellationToken Current => Suppressed.Value ? CancellationToken.None : Source?.Invoke() ?? CancellationToken.None;

    /// <summary>
    /// Clean-up that must finish although the cell was cancelled (a half-created container is removed, a firewall
    /// rule deleted) runs inside this scope.
    /// </summary>
    internal static Scope Suppress()
    {
        var previous = Suppressed.Value;
        Suppressed.Value = true;
        return new Scope(previous);
    }

    internal readonly struct Scope(bool previous) : IDisposable
    {
        public void Dispose() => Suppressed.Value = previous;
    }
}
