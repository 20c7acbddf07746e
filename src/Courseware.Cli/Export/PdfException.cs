namespace Courseware.Cli.Export;

/// <summary>A PDF that could not be made; the message says why and, where there is one, the fix.</summary>
public sealed class PdfException(string message) : Exception(message);
