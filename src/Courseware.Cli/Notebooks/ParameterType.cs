namespace Courseware.Cli.Notebooks;

/// <summary>The C# type of a parameter declared in a notebook's parameters cell (<c>int hostPort = 8080;</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Each member names the C# type a parameters cell declares, on purpose.")]
public enum ParameterType { Int, Long, Double, String, Bool }
