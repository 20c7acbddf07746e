namespace Courseware.Cli.Notebooks;

/// <summary>A --param that does not fit the notebook: an unknown name, or a value its declared type cannot hold.</summary>
public sealed class ParameterException(string message) : Exception(message);
