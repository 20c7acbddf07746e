namespace Courseware.Lab;

/// <summary>
/// Thrown inside a check by <see cref="Check.That"/> or <see cref="Check.Fail"/>: it ends the check with its hint.
/// <see cref="DockerLab.CheckAsync"/> turns it into a ✗ result; it never reaches the learner as an exception.
/// </summary>
internal sealed class CheckFailedException(string hint) : Exception(hint)
{
    public string Hint { get; } = hint;
}
