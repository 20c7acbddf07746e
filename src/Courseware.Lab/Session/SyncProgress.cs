namespace Courseware.Lab;

/// <summary>
/// IProgress that runs the callback on the reporting thread, in order. Progress&lt;T&gt; posts to the thread pool
/// and reorders build messages, which scrambles logs and can hide the error line.
/// </summary>
internal sealed class SyncProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Items
    {
        get { lock (_items) return _items.ToArray(); }
    }

    public void Report(T value)
    {
        lock (_items) _items.Add(value);
        onReport?.Invoke(value);
    }
}
