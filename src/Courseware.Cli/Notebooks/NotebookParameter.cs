namespace Courseware.Cli.Notebooks;

/// <summary>A variable the cell tagged <c>parameters</c> declares, e.g. <c>var hostPort = 8080;</c>.</summary>
public sealed record NotebookParameter(string Name, ParameterType? Type, string Declaration, string? Unsupported = null)
{
    public string TypeName => Type switch
    {
        ParameterType.Int => "int",
        ParameterType.Long => "long",
        ParameterType.Double => "double",
        ParameterType.String => "string",
        ParameterType.Bool => "bool",
        _ => "unsupported",
    };

    public override string ToString() => $"{Name} ({TypeName})";
}
