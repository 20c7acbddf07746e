using Courseware.Lab;

namespace Courseware.Cli.Execution;

public enum CellStatus
{
    Succeeded,
    Failed,
    /// <summary>Tagged raises-exception and failed, as it should.</summary>
    ExpectedError,
    /// <summary>Tagged raises-exception but succeeded: the lesson's point did not happen.</summary>
    MissingError,
    TimedOut,
    Cancelled,
    /// <summary>A display-only kernel (mermaid) this runner does not host.</summary>
    Skipped,
    /// <summary>
    /// The cell found that this engine cannot do what the rest of the lesson needs (<see cref="UnsupportedEngineException"/>):
    /// not a failure, and nothing after it runs.
    /// </summary>
    NotOnThisEngine,
}
