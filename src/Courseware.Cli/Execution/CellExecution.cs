using System.Text.Json.Nodes;

namespace Courseware.Cli.Execution;

/// <summary>What one submission did: how it ended, its nbformat outputs, and the error's name and message when it failed.</summary>
public sealed record CellExecution(ExecutionResult Result, JsonArray Outputs, TimeSpan Duration, string? ErrorName = null, string? ErrorMessage = null);
