namespace Courseware.Cli.Execution;

/// <summary>How one submission to the kernel ended.</summary>
public enum ExecutionResult { Succeeded, Failed, TimedOut, Cancelled }
