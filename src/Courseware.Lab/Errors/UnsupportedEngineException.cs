namespace Courseware.Lab;

/// <summary>
/// The learner's engine cannot do what the rest of the lesson needs: a rootless engine or Docker Desktop cannot host
/// the cluster of lesson 07. Not a mistake anyone can fix in the notebook, so <c>courseware run</c> stops the lesson
/// there, says it does not apply to this engine, and counts the checks it did not reach as not applicable.
/// </summary>
public sealed class UnsupportedEngineException(string problem, string fix) : LabException(problem, fix)
{
    public override string Title => "Not on this engine";
}
