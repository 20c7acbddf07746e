using System.Text.Json;
using System.Text.Json.Nodes;
using Courseware.Lab;
using Microsoft.DotNet.Interactive.Events;

namespace Courseware.Cli.Tests.Kernels;

/// <summary>What one SubmitCode did in the official kernel.</summary>
public sealed record KernelSubmission(string Token, string Code, bool Succeeded, string? FailureMessage, IReadOnlyList<KernelEventEnvelope> Events, TimeSpan Duration)
{
    /// <summary>Everything the code wrote to Console.Out.</summary>
    public string StandardOutput => string.Concat(PlainValues("StandardOutputValueProduced"));

    /// <summary>Displayed and returned values as (mime type, value), in order.</summary>
    public IReadOnlyList<(string MimeType, string Value)> DisplayedValues =>
        Events.Where(e => e.EventType is nameof(DisplayedValueProduced) or nameof(DisplayedValueUpdated) or nameof(ReturnValueProduced))
            .SelectMany(e => FormattedValues(e.Event)).ToArray();

    private IEnumerable<string> PlainValues(string eventType) =>
        Events.Where(e => e.EventType == eventType).SelectMany(e => FormattedValues(e.Event)).Where(v => v.MimeType == MimeTypes.PlainText).Select(v => v.Value);

    private static IEnumerable<(string MimeType, string Value)> FormattedValues(JsonElement e) =>
        e.TryGetProperty("formattedValues", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(v => (v.GetProperty("mimeType").GetString() ?? "", v.GetProperty("value").GetString() ?? ""))
            : [];
}
