namespace Courseware.Cli.Execution;

/// <summary>What <c>courseware run</c> was asked to do, for every notebook of the run.</summary>
public sealed record RunSettings(
    string OutputDirectory,
    IReadOnlySet<OutputFormat> Formats,
    IReadOnlyDictionary<string, string> Parameters,
    TimeSpan? CellTimeout,
    bool KeepGoing);
