namespace Courseware.Cli.Export;

/// <summary>No Chromium to print with; the message says how to get one or how to name one.</summary>
public sealed class BrowserNotFoundException(string message) : Exception(message);
