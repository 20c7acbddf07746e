namespace Courseware.Cli.Execution;

/// <summary>A code cell about to run.</summary>
public sealed record CellStart(int Number, int Total, string CellId, string FirstLine, IReadOnlyList<string> Tags);
