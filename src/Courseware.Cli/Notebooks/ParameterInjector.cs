using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Courseware.Cli.Notebooks;

/// <summary>
/// Papermill's parameters, for C#: the cell tagged <c>parameters</c> holds defaults; the values given on the command line
/// are re-assigned in a new cell right after it, tagged <c>injected-parameters</c>, each formatted as a C# literal of the
/// default's type so that a wrong value fails here, with the names the notebook knows, instead of inside the kernel.
/// </summary>
public static class ParameterInjector
{
    /// <summary>Reads NAME=VALUE pairs; the value may itself contain '='.</summary>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
                throw new ParameterException($"--param {assignment}: expected NAME=VALUE, e.g. --param hostPort=9090.");
            var name = assignment[..equals].Trim();
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ParameterException($"--param {assignment}: '{name}' is not a C# variable name.");
            if (!values.TryAdd(name, assignment[(equals + 1)..]))
                throw new ParameterException($"--param {name} is given twice.");
        }
        return values;
    }

    /// <summary>The top-level variables a parameters cell declares, in order.</summary>
    public static IReadOnlyList<NotebookParameter> ReadDeclarations(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var parameters = new List<NotebookParameter>();
        foreach (var member in root.Members)
        {
            var (declaration, modifiers) = member switch
            {
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => (local.Declaration, local.Modifiers),
                FieldDeclarationSyntax field => (field.Declaration, field.Modifiers),
                _ => (null, default),
            };
            if (declaration is null) continue;
            var isConst = modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword));
            foreach (var variable in declaration.Variables)
            {
                var text = $"{declaration.Type} {variable.Identifier.Text}{(variable.Initializer is null ? "" : " " + variable.Initializer)};";
                if (isConst)
                {
                    parameters.Add(new NotebookParameter(variable.Identifier.Text, null, text, "it is const, so it cannot be re-assigned; drop 'const'"));
                    continue;
                }
                var type = TypeOf(declaration.Type, variable.Initializer?.Value);
                parameters.Add(type is null
                    ? new NotebookParameter(variable.Identifier.Text, null, text,
                        "its type is not one of int, long, double, string, bool (declare it with one of them, or with var and a literal)")
                    : new NotebookParameter(variable.Identifier.Text, type, text));
            }
        }
        return parameters;
    }

    /// <summary>
    /// Removes what an earlier run injected and, when values are given, inserts the new injected-parameters cell.
    /// Returns it, or null when there is nothing to inject.
    /// </summary>
    public static NotebookCell? Inject(NotebookDocument notebook, IReadOnlyDictionary<string, string> values)
    {
        foreach (var stale in notebook.Cells.Where(c => c.HasTag(NotebookCell.InjectedParametersTag)).ToList())
            notebook.RemoveCell(stale);
        if (values.Count == 0) return null;

        var parametersCell = notebook.Cells.FirstOrDefault(c => c.IsCode && c.HasTag(NotebookCell.ParametersTag))
            ?? throw new ParameterException(
                $"{notebook.Name}: no cell is tagged '{NotebookCell.ParametersTag}', so --param {string.Join(", ", values.Keys)} has nowhere to go. " +
                "Tag the cell that holds the defaults (cell metadata \"tags\": [\"parameters\"]).");
        var known = ReadDeclarations(parametersCell.Source);
        var lines = new List<string> { "// Parameters injected by courseware run (--param)." };
        foreach (var (name, value) in values)
        {
            var parameter = known.FirstOrDefault(p => p.Name == name)
                ?? throw new ParameterException(
                    $"{notebook.Name}: unknown parameter '{name}'. Known parameters: " +
                    (known.Count == 0 ? "none (the parameters cell declares no variables)." : string.Join(", ", known) + "."));
            if (parameter.Type is not { } type)
                throw new ParameterException($"{notebook.Name}: parameter '{name}' cannot be set: {parameter.Unsupported}. Declared as: {parameter.Declaration}");
            lines.Add($"{name} = {FormatLiteral(type, value, name, parameter.Declaration)};");
        }
        var index = notebook.Cells.ToList().IndexOf(parametersCell);
        var injected = NotebookCell.NewCode(NotebookCell.InjectedParametersTag, string.Join("\n", lines),
            parametersCell.KernelNameOr(notebook.DefaultKernelName), NotebookCell.InjectedParametersTag);
        return notebook.InsertCell(index, injected);
    }

    /// <summary>The C# literal for a command-line value, or a ParameterException saying why it does not fit.</summary>
    public static string FormatLiteral(ParameterType type, string value, string name = "value", string? declaration = null)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = value.Trim();
        string Bad(string what) => $"--param {name}={value}: '{value}' is not {what}" + (declaration is null ? "." : $" (declared as: {declaration}).");
        switch (type)
        {
            case ParameterType.Int:
                return int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var i)
                    ? i.ToString(invariant) : throw new ParameterException(Bad("an int"));
            case ParameterType.Long:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var l)
                    ? l.ToString(invariant) + "L" : throw new ParameterException(Bad("a long"));
            case ParameterType.Double:
                return double.TryParse(text, NumberStyles.Float, invariant, out var d) && double.IsFinite(d)
                    ? d.ToString("R", invariant) + "d" : throw new ParameterException(Bad("a finite double (use '.' as decimal separator)"));
            case ParameterType.Bool:
                return text.ToLowerInvariant() switch
                {
                    "true" => "true",
                    "false" => "false",
                    _ => throw new ParameterException(Bad("a bool (true or false)")),
                };
            case ParameterType.String:
                // The value is taken verbatim, spaces included: the shell already removed its quotes.
                return SymbolDisplay.FormatLiteral(value, quote: true);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private static ParameterType? TypeOf(TypeSyntax declared, ExpressionSyntax? initializer)
    {
        if (!declared.IsVar)
        {
            return declared.ToString() switch
            {
                "int" or "Int32" or "System.Int32" => ParameterType.Int,
                "long" or "Int64" or "System.Int64" => ParameterType.Long,
                "double" or "Double" or "System.Double" => ParameterType.Double,
                "string" or "String" or "System.String" => ParameterType.String,
                "bool" or "Boolean" or "System.Boolean" => ParameterType.Bool,
                _ => null,
            };
        }
        if (initializer is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: var operand })
            initializer = operand;
        return initializer switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } => ParameterType.String,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } => ParameterType.Bool,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal => literal.Token.Value switch
            {
                int => ParameterType.Int,
                long => ParameterType.Long,
                double => ParameterType.Double,
                _ => null,
            },
            _ => null,
        };
    }
}
