using System.Text.Json.Nodes;
using Courseware.Cli.Execution;
using Courseware.Lab;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Cli.Tests.Unit;

public sealed class OutputCollectorTests
{
    private static readonly SubmitCode Command = new("x");

    private static FormattedValue[] Plain(string text) => [new FormattedValue("text/plain", text)];

    [Fact]
    public void Events_become_nbformat_outputs_in_order()
    {
        var collector = new OutputCollector(executionCount: 7);
        collector.Add(new StandardOutputValueProduced(Command, Plain("one\n")));
        collector.Add(new StandardOutputValueProduced(Command, Plain("two\n")));
        collector.Add(new DisplayedValueProduced("x", Command, [new FormattedValue("text/html", "<b>x</b>")], "d1"));
        collector.Add(new StandardErrorValueProduced(Command, Plain("warn\n")));
        collector.Add(new ReturnValueProduced(42, Command, Plain("42")));
        collector.AddError("InvalidOperationException", "boom", ["InvalidOperationException: boom", "   at Submission#1"]);

        var outputs = collector.Snapshot().Cast<JsonObject>().ToList();

        Assert.Equal(["stream", "display_data", "stream", "execute_result", "error"], outputs.Select(o => (string?)o["output_type"]));
        Assert.Equal(["one\n", "two\n"], outputs[0]["text"]!.AsArray().Select(l => (string?)l)); // merged, as Jupyter does
        Assert.Equal("stderr", (string?)outputs[2]["name"]);
        Assert.Equal(7, (int?)outputs[3]["execution_count"]);
        Assert.Equal("boom", (string?)outputs[4]["evalue"]);
        Assert.Equal(2, outputs[4]["traceback"]!.AsArray().Count);
    }

    [Fact]
    public void An_update_replaces_the_display_with_the_same_id()
    {
        var collector = new OutputCollector(1);
        collector.Add(new DisplayedValueProduced("0%", Command, Plain("0%"), "progress"));
        collector.Add(new StandardOutputValueProduced(Command, Plain("working\n")));
        for (var i = 1; i <= 10; i++) collector.Add(new DisplayedValueUpdated($"{i * 10}%", "progress", Command, Plain($"{i * 10}%")));

        var outputs = collector.Snapshot().Cast<JsonObject>().ToList();

        Assert.Equal(2, outputs.Count);
        Assert.Equal("100%", (string?)outputs[0]["data"]!["text/plain"]![0]);
    }

    [Fact]
    public void An_update_of_an_unknown_id_is_shown_once_and_then_replaced()
    {
        var collector = new OutputCollector(1);
        collector.Add(new DisplayedValueUpdated("a", "orphan", Command, Plain("a")));
        collector.Add(new DisplayedValueUpdated("b", "orphan", Command, Plain("b")));

        var output = Assert.Single(collector.Snapshot());
        Assert.Equal("b", (string?)output!["data"]!["text/plain"]![0]);
    }

    [Fact]
    public void Json_mime_types_are_stored_as_json_and_suppressed_values_are_dropped()
    {
        var bundle = OutputCollector.Bundle([
            new FormattedValue(MimeTypes.Plotly, """{"data":[{"type":"bar"}]}"""),
            new FormattedValue("application/json", "not json"),
            new FormattedValue("text/plain", "hidden") { SuppressDisplay = true },
        ]);

        Assert.Equal("bar", (string?)bundle[MimeTypes.Plotly]!["data"]![0]!["type"]);
        Assert.Equal("not json", (string?)bundle["application/json"]![0]);
        Assert.False(bundle.ContainsKey("text/plain"));
    }
}
