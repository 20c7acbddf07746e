namespace Courseware.Lab;

/// <summary>
/// The engine has no container (or network) of that name. A check tells this apart from every other failure: a missing
/// object is the exercise's hint ("run your exercise cell"), an engine that does not answer is not the learner's doing.
/// </summary>
public sealed class NoSuchObjectException : LabException
{
    internal NoSuchObjectException(string kind, string name, string fix)
        : base($"There is no {kind} '{name}'.", fix)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>container or network.</summary>
    public string Kind { get; }

    public string Name { get; }

    public override string Title => $"No such {Kind}";
}
