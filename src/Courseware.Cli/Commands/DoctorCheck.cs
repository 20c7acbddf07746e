namespace Courseware.Cli.Commands;

/// <summary>One line of <c>courseware doctor</c>. Essential checks decide the exit code; the others only advise.</summary>
public sealed record DoctorCheck(string Name, bool Ok, string Detail, string? Fix = null, bool Essential = true)
{
    /// <summary>
    /// An engine answers, but the lessons do not apply to it (Podman's Docker-compatible API): shown as ⊘ like a lesson
    /// that does not run on this engine, and doctor exits 3 as <c>courseware run</c> does then.
    /// </summary>
    public bool NotOnThisEngine { get; init; }

    public string Symbol => NotOnThisEngine ? "⊘" : Ok ? "✓" : Essential ? "✗" : "!";
}
