namespace Courseware.Lab.Tests.Containers;

/// <summary>Predict.Reveal is pure: the learner's guess against what happened, said either way.</summary>
public sealed class PredictTests
{
    [Theory]
    [InlineData("other", true, "You predicted other, and that is what happened.")]
    [InlineData(" OTHER ", true, "You predicted OTHER, and that is what happened.")]
    [InlineData("80", false, "You predicted 80; the engine did otherwise: other.")]
    public void A_guess_is_compared_trimmed_and_case_insensitively(string guess, bool correct, string verdict)
    {
        var reveal = Predict.Reveal("Which host port?", guess, "other", "Docker chose 32768.", "80", "other");
        Assert.Equal(correct, reveal.Correct);
        Assert.Equal(verdict, reveal.Verdict);
    }

    [Fact]
    public void No_guess_is_not_a_wrong_guess_and_a_guess_outside_the_choices_is_named()
    {
        Assert.Null(Predict.Reveal("q", "  ", "other", "e").Correct);
        Assert.Equal("You recorded no prediction. The engine's answer: other.", Predict.Reveal("q", null, "other", "e").Verdict);
        Assert.Equal("You predicted 8080, which is not one of 80, other. The engine's answer: other.", Predict.Reveal("q", "8080", "other", "e", "80", "other").Verdict);
    }

    [Theory]
    [InlineData("yes", true, true)]
    [InlineData("Y", true, true)]
    [InlineData("true", false, false)]
    [InlineData("no", false, true)]
    public void Yes_no_predictions_accept_the_usual_spellings(string guess, bool actual, bool correct)
    {
        var reveal = Predict.Reveal("resolves?", guess, actual, "e");
        Assert.Equal(correct, reveal.Correct);
        Assert.Equal(actual ? "yes" : "no", reveal.Actual);
    }
}
