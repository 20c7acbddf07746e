using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Tests.Kernels;

/// <summary>A notebook code cell and what the official kernel made of it.</summary>
public sealed record OfficialCellResult(string CellId, IReadOnlyList<string> Tags, KernelSubmission Submission)
{
    public bool ExpectsError => Tags.Contains(NotebookCell.RaisesExceptionTag);

    /// <summary>Failed when it should not have, or succeeded where the notebook says it must fail.</summary>
    public bool IsUnexpected => Submission.Succeeded == ExpectsError;
}
