using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive.Tests;

/// <summary>
/// Runs cells the way a notebook does, in an in-process C# kernel of the same .NET Interactive build the official
/// tool ships, and looks at the events a frontend would receive.
/// </summary>
public sealed class KernelTests : IDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly List<KernelEvent> _events = [];
    private readonly IDisposable _subscription;

    public KernelTests()
    {
        _kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers().UseValueSharing() };
        _kernel.DefaultKernelName = "csharp";
        _subscription = _kernel.KernelEvents.Subscribe(e => { lock (_events) _events.Add(e); });
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _kernel.Dispose();
    }

    /// <summary>The notebook's first cell: #r the DLLs as ../build/lab would provide them.</summary>
    private static string References =>
        $"#r \"{typeof(LabFormatters).Assembly.Location}\"\n" +
        $"#r \"{typeof(Courseware.Lab.PsRow).Assembly.Location}\"\n" +
        "using Courseware.Lab;\nusing Courseware.Lab.Interactive;\n";

    private async Task<List<KernelEvent>> RunAsync(string code)
    {
        lock (_events) _events.Clear();
        await _kernel.SendAsync(new SubmitCode(code));
        lock (_events) return [.. _events];
    }

    private static void AssertSucceeded(List<KernelEvent> events)
    {
        var failed = events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, failed?.Message);
    }

    private static FormattedValue Value(DisplayEvent e, string mimeType) =>
        Assert.Single(e.FormattedValues, v => v.MimeType == mimeType);

    [Fact]
    public async Task Cell_displays_ps_table_and_returns_plotly_figure_with_both_mime_types()
    {
        AssertSucceeded(await RunAsync(References + "LabFormatters.Register();"));
        var events = await RunAsync("""
            var rows = new List<PsRow>
            {
                new PsRow("3f2a9c1b7d4e5f60", "exercise4", "\"nginx\"", DateTimeOffset.UtcNow.AddSeconds(-5.4), "Up 5 seconds", "running",
                    new[] { new PortBindingInfo(80, "tcp", "0.0.0.0", 8080) }, "web", null),
            };
            rows.Display();
            Charts.PortMappings(rows)
            """);
        AssertSucceeded(events);

        var displayed = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.Contains("<th>CONTAINER ID</th>", Value(displayed, "text/html").Value);
        Assert.Contains("5 seconds ago", Value(displayed, "text/html").Value);
        Assert.Contains("0.0.0.0:8080->80/tcp", Value(displayed, "text/plain").Value);

        var returned = Assert.Single(events.OfType<ReturnValueProduced>());
        Assert.IsType<PlotlyFigure>(returned.Value);
        var bundle = System.Text.Json.Nodes.JsonNode.Parse(Value(returned, MimeTypes.Plotly).Value)!;
        Assert.Equal("sankey", bundle["data"]![0]!["type"]!.GetValue<string>());
        Assert.NotNull(bundle["layout"]);
        Assert.Contains("window.Plotly", Value(returned, "text/html").Value);
    }

    [Fact]
    public async Task Show_renders_a_caught_LabException_as_an_error_box()
    {
        AssertSucceeded(await RunAsync(References));
        var events = await RunAsync("""
            try { throw new PortAlreadyAllocatedException(8080, 8081, "port is already allocated"); }
            catch (LabException e) { LabFormatters.Show(e); }
            """);
        AssertSucceeded(events);
        var html = Value(Assert.Single(events.OfType<DisplayedValueProduced>()), "text/html").Value;
        Assert.Contains("cw-box-bad", html);
        Assert.Contains("Port already allocated", html);
        Assert.DoesNotContain("   at ", html);
    }

    [Fact]
    public async Task BuildLog_shows_lines_while_the_cell_runs_and_the_last_line_at_the_end()
    {
        AssertSucceeded(await RunAsync(References));
        var events = await RunAsync("""
            var log = BuildLog.Live(visibleLines: 3, interval: TimeSpan.FromMilliseconds(100));
            Action<string> write = log;   // what BuildAsync(..., log) receives
            for (var i = 1; i <= 200; i++) write($"Step {i}/200 : RUN echo {i}");
            await Task.Delay(300);
            write("Successfully built 4d5e6f708192");
            log.IsLive
            """);
        AssertSucceeded(events);
        Assert.True((bool)Assert.Single(events.OfType<ReturnValueProduced>()).Value);

        var produced = Assert.Single(events.OfType<DisplayedValueProduced>());
        Assert.Contains("waiting for the engine", Value(produced, "text/html").Value);
        var updates = events.OfType<DisplayedValueUpdated>().Where(u => u.ValueId == produced.ValueId).Select(u => Value(u, "text/html").Value).ToList();
        // 201 lines, a handful of redraws: the first line, the trailing redraw of the burst, the line after the pause, the final one.
        Assert.InRange(updates.Count, 3, 8);
        Assert.Contains(updates, u => u.Contains("Step 200/200") && u.Contains("● running"));
        var last = updates[^1];
        Assert.Contains("Successfully built 4d5e6f708192", last);
        Assert.Contains("201 lines", last);
        Assert.DoesNotContain("● running", last);
        Assert.DoesNotContain("Step 1/200", last);
        Assert.Contains("last 3 of 201 lines", last);
        Assert.True(events.FindLastIndex(e => e is DisplayedValueUpdated) < events.FindIndex(e => e is CommandSucceeded));
    }

    /// <summary>
    /// A failed cell completes its context before OnComplete runs, so there is no final redraw; a failing step has
    /// usually run for longer than the interval, so its error line is drawn at once, and the exception carries the log.
    /// </summary>
    [Fact]
    public async Task BuildLog_shows_the_error_line_of_a_failing_build()
    {
        AssertSucceeded(await RunAsync(References));
        var events = await RunAsync("""
            Action<string> write = BuildLog.Live(interval: TimeSpan.FromMilliseconds(100));
            write("Step 1/2 : FROM busybox:stable");
            write("Step 2/2 : RUN false");
            await Task.Delay(150);
            write("The command '/bin/sh -c false' returned a non-zero code: 1");
            throw new BuildFailedException("exercise4", "Step 2/2 : RUN false", "returned a non-zero code: 1", new List<string> { "Step 1/2 : FROM busybox:stable" });
            """);
        var failed = Assert.Single(events.OfType<CommandFailed>());
        Assert.Contains("Build failed", failed.Message);
        var last = events.OfType<DisplayedValueUpdated>().Last();
        Assert.Contains("returned a non-zero code: 1", Value(last, "text/html").Value);
    }

    [Fact]
    public void BuildLog_outside_a_notebook_only_collects_lines_and_calls_the_fallback()
    {
        var seen = new List<string>();
        var log = BuildLog.Live(fallback: seen.Add);
        Action<string> write = log;
        write("Step 1/1 : FROM busybox:stable");
        Assert.False(log.IsLive);
        Assert.Equal(["Step 1/1 : FROM busybox:stable"], log.Lines);
        Assert.Equal(log.Lines, seen);
    }
}
