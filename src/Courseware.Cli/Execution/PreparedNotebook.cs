using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Execution;

/// <summary>A notebook read, parameterised and validated before anything runs, so a bad --param fails the whole run at once.</summary>
public sealed record PreparedNotebook(string SourcePath, NotebookDocument Document, NotebookCell? InjectedCell);
