using System.Text.Json.Nodes;

namespace Courseware.Lab;

/// <summary>
/// The verdict of a check cell: ✓ with what was verified on the engine, or ✗ with a hint for the likely mistake.
/// Displayed in a notebook it also publishes <see cref="MimeTypes.Check"/>, which <c>courseware run</c> counts into the
/// executed notebook's <c>metadata.courseware.checks</c>.
/// </summary>
public sealed record CheckResult(string Title, bool Passed, string Message, IReadOnlyList<string> Verified)
{
    /// <summary>What was verified (when passed) or the hint (when not).</summary>
    internal string? Hint => Passed ? null : Message;

    public JsonObject ToJson() => new()
    {
        ["title"] = Title,
        ["passed"] = Passed,
        ["message"] = Message,
        ["verified"] = new JsonArray(Verified.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
    };

    public override string ToString() => Passed ? $"✓ {Title}: {Message}" : $"✗ {Title}: {Message}";
}
