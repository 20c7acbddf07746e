namespace Courseware.Lab;

/// <summary>
/// The engine has no container (or network) of that name. A check tells this apart from every other failure: a missing
/// object is the exercise's hint ("run your exercise cell"), an engine that does not answer is not the learner's doing.
/// </summary>
public sealed class NoSuchObjectException(string kind, string name, string fix)
    : LabException($"There is no {kind} '{name}'.", fix)
{
    /// <summary>container or network.</summary>
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public override string Title => $"No such {Kind}";
}
