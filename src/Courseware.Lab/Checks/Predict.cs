using System.Text.Json.Nodes;

namespace Courseware.Lab;

/// <summary>
/// Predict-then-run: the learner writes a guess in a small cell before the cell that shows what happens; the reveal
/// compares the guess with what the engine did and says so either way.
/// <code>
/// var myGuess = "";   // "80" or "other": which host port will -p 80 get?
/// …
/// Predict.Reveal("Which host port did -p 80 get?", myGuess, hostPort == 80 ? "80" : "other", $"Docker chose {hostPort}.")
/// </code>
/// </summary>
public static class Predict
{
    /// <summary>Compares a prediction with the actual outcome (trimmed, case-insensitive). An empty prediction is "not made", not wrong.</summary>
    public static PredictionResult Reveal(string question, string? predicted, string actual, string explanation, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var guess = predicted?.Trim() ?? "";
        bool? correct = guess.Length == 0 ? null : string.Equals(guess, actual.Trim(), StringComparison.OrdinalIgnoreCase);
        var unknownChoice = guess.Length > 0 && choices.Length > 0 && !choices.Any(c => string.Equals(c.Trim(), guess, StringComparison.OrdinalIgnoreCase));
        return new PredictionResult(question, guess.Length == 0 ? null : guess, actual.Trim(), correct, explanation, choices, unknownChoice);
    }

    /// <summary>A yes/no prediction: "yes"/"no" (or true/false) against what happened.</summary>
    public static PredictionResult Reveal(string question, string? predicted, bool actual, string explanation) =>
        Reveal(question, NormalizeYesNo(predicted), actual ? "yes" : "no", explanation, "yes", "no");

    private static string? NormalizeYesNo(string? predicted) => predicted?.Trim().ToLowerInvariant() switch
    {
        "y" or "yes" or "true" => "yes",
        "n" or "no" or "false" => "no",
        _ => predicted,
    };
}

/// <summary>A revealed prediction. <see cref="Correct"/> is null when no prediction was recorded.</summary>
public sealed record PredictionResult(string Question, string? Predicted, string Actual, bool? Correct, string Explanation, IReadOnlyList<string> Choices, bool NotAChoice = false)
{
    public string Verdict => Correct switch
    {
        null => $"You recorded no prediction. The engine's answer: {Actual}.",
        true => $"You predicted {Predicted}, and that is what happened.",
        false when NotAChoice => $"You predicted {Predicted}, which is not one of {string.Join(", ", Choices)}. The engine's answer: {Actual}.",
        false => $"You predicted {Predicted}; the engine did otherwise: {Actual}.",
    };

    public JsonObject ToJson() => new()
    {
        ["question"] = Question,
        ["predicted"] = Predicted,
        ["actual"] = Actual,
        ["correct"] = Correct,
    };

    public override string ToString() => $"{Question} {Verdict} {Explanation}";
}
