using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive;

/// <summary>
/// A build log that shows up in the notebook while <c>docker build</c> runs:
/// <code>var image = await docker.BuildAsync("exercise4", "../exercise4", BuildLog.Live());</code>
/// It converts to the <c>Action&lt;string&gt;</c> that <see cref="DockerLab.BuildAsync"/> takes, so the library stays host-independent.
/// Outside a notebook (tests, console runners) nothing is displayed; lines go to <c>fallback</c> if one is given.
/// </summary>
public sealed class BuildLog : IDisposable
{
    private static readonly string[] ShownAs = [Courseware.Lab.MimeTypes.Html, Courseware.Lab.MimeTypes.PlainText];

    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _title;
    private readonly int _visibleLines;
    private readonly TimeSpan _interval;
    private readonly Action<string>? _fallback;
    private readonly KernelInvocationContext? _context;
    private readonly DisplayedValue? _displayed;
    private readonly Timer? _timer;
    private TimeSpan _lastShown;
    private TimeSpan _lastLine;
    private bool _timerArmed;
    private bool _dirty;
    private bool _finished;
    private string? _step;

    private BuildLog(string title, int visibleLines, TimeSpan interval, Action<string>? fallback)
    {
        _title = title;
        _visibleLines = Math.Max(1, visibleLines);
        _interval = interval;
        _lastShown = _lastLine = -interval;
        _fallback = fallback;
        if (KernelInvocationContext.Current is not { IsComplete: false } context) return;

        LabFormatters.Register();
        _context = context;
        _displayed = context.Display(View(), ShownAs);
        // Created here, on the cell's execution context, so the callbacks see the cell's KernelInvocationContext.
        _timer = new Timer(_ => OnTimer(), null, Timeout.Infinite, Timeout.Infinite);
        // The last lines often arrive within one throttle interval of the build ending; without this the output
        // would stop short of "Successfully built". The kernel runs OnComplete just before a successful cell
        // completes; a failed cell is already complete by then and drops the redraw (Write covers that case).
        context.OnComplete(_ => Finish());
    }

    /// <summary>
    /// A live log for the current notebook cell. <paramref name="visibleLines"/> is how many of the last lines stay on
    /// screen; the output is redrawn at most every <paramref name="interval"/> (default 250 ms) so a chatty build does
    /// not flood the notebook with updates.
    /// </summary>
    public static BuildLog Live(string title = "docker build", int visibleLines = 30, TimeSpan? interval = null, Action<string>? fallback = null) =>
        new(title, visibleLines, interval ?? TimeSpan.FromMilliseconds(250), fallback);

    public static implicit operator Action<string>(BuildLog log) => log.Write;

    /// <summary>True when a notebook output shows this log.</summary>
    public bool IsLive => _displayed is not null;

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return _lines.ToArray(); }
    }

    /// <summary>Adds one line; this is the callback BuildAsync calls.</summary>
    public void Write(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            if (IsStep(line)) _step = line;
            if (_displayed is null)
            {
                _fallback?.Invoke(line);
                return;
            }
            if (_finished) return;
            _dirty = true;
            var now = _clock.Elapsed;
            var sinceShown = now - _lastShown;
            var afterPause = now - _lastLine >= _interval;
            _lastLine = now;
            // A line after a quiet spell (typically the error after a long RUN step) is drawn at once: if the cell then
            // fails, the kernel drops any later redraw, and bursts are still throttled.
            if (sinceShown >= _interval || afterPause) Show(final: false);
            else if (!_timerArmed)
            {
                _timerArmed = true;
                _timer!.Change(_interval - sinceShown, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerArmed = false;
            if (_dirty && !_finished) Show(final: false);
        }
    }

    /// <summary>Ends the display and its timer, as the build's end does; a log that already ended is left as it is.</summary>
    public void Dispose() => Finish();

    private void Finish()
    {
        lock (_gate)
        {
            if (_finished) return;
            _timer?.Dispose();
            Show(final: true);
            _finished = true;
        }
    }

    private void Show(bool final)
    {
        _dirty = false;
        _lastShown = _clock.Elapsed;
        var view = View(final);
        if (_context is null || _displayed is null) return;
        // DisplayedValue.Update publishes through the ambient context; where that is not the cell's (OnComplete runs
        // with none), publish the same update on the captured context directly.
        if (!final && ReferenceEquals(KernelInvocationContext.Current, _context))
            _displayed.Update(view);
        else
            _context.Publish(new DisplayedValueUpdated(view, _displayed.DisplayId, _context.Command, FormattedValue.CreateManyFromObject(view, ShownAs)));
    }

    private BuildLogView View(bool final = false) =>
        new(_title, _lines.Skip(Math.Max(0, _lines.Count - _visibleLines)).ToArray(), _lines.Count, _step, _clock.Elapsed, final);

    // "Step 2/5 : COPY ..." from the classic builder, "#6 [2/3] COPY ..." from BuildKit.
    private static bool IsStep(string line) =>
        line.StartsWith("Step ", StringComparison.Ordinal) ||
        (line.StartsWith('#') && line.Contains(" [", StringComparison.Ordinal) && line.Contains('/', StringComparison.Ordinal));
}
