using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Tests.Unit;

public sealed class ParameterInjectorTests
{
    private const string Defaults = """
        var hostPort = 8080;
        string bindAddress = "0.0.0.0";
        bool verbose = true;
        var ratio = 0.5;
        var big = 5000000000;
        long explicitLong = 1;
        var negative = -3;
        const int fixedPort = 80;
        var computed = DateTime.Now;
        """;

    [Fact]
    public void Declarations_are_typed_from_the_declared_type_or_the_literal()
    {
        var parameters = ParameterInjector.ReadDeclarations(Defaults).ToDictionary(p => p.Name);

        Assert.Equal(ParameterType.Int, parameters["hostPort"].Type);
        Assert.Equal(ParameterType.String, parameters["bindAddress"].Type);
        Assert.Equal(ParameterType.Bool, parameters["verbose"].Type);
        Assert.Equal(ParameterType.Double, parameters["ratio"].Type);
        Assert.Equal(ParameterType.Long, parameters["big"].Type);
        Assert.Equal(ParameterType.Long, parameters["explicitLong"].Type);
        Assert.Equal(ParameterType.Int, parameters["negative"].Type);
        Assert.Null(parameters["fixedPort"].Type);
        Assert.Contains("const", parameters["fixedPort"].Unsupported);
        Assert.Null(parameters["computed"].Type);
    }

    [Theory]
    [InlineData(ParameterType.Int, "9090", "9090")]
    [InlineData(ParameterType.Int, "-1", "-1")]
    [InlineData(ParameterType.Long, "5000000000", "5000000000L")]
    [InlineData(ParameterType.Double, "0.25", "0.25d")]
    [InlineData(ParameterType.Double, "3", "3d")]
    [InlineData(ParameterType.Bool, "TRUE", "true")]
    [InlineData(ParameterType.String, "127.0.0.1", "\"127.0.0.1\"")]
    [InlineData(ParameterType.String, "say \"hi\"\\n", "\"say \\\"hi\\\"\\\\n\"")]
    public void Values_become_csharp_literals_of_the_declared_type(ParameterType type, string value, string literal) =>
        Assert.Equal(literal, ParameterInjector.FormatLiteral(type, value));

    [Theory]
    [InlineData(ParameterType.Int, "abc", "is not an int")]
    [InlineData(ParameterType.Int, "99999999999", "is not an int")]
    [InlineData(ParameterType.Double, "1,5", "is not a finite double")]
    [InlineData(ParameterType.Bool, "yes", "is not a bool")]
    public void Values_that_do_not_fit_the_type_are_rejected(ParameterType type, string value, string message)
    {
        var e = Assert.Throws<ParameterException>(() => ParameterInjector.FormatLiteral(type, value, "p"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Assignments_are_name_equals_value_and_the_value_may_contain_equals()
    {
        var values = ParameterInjector.ParseAssignments(["hostPort=9090", "query=a=b"]);
        Assert.Equal("9090", values["hostPort"]);
        Assert.Equal("a=b", values["query"]);
        Assert.Throws<ParameterException>(() => ParameterInjector.ParseAssignments(["novalue"]));
        Assert.Throws<ParameterException>(() => ParameterInjector.ParseAssignments(["not-a-name=1"]));
        Assert.Throws<ParameterException>(() => ParameterInjector.ParseAssignments(["a=1", "a=2"]));
    }

    [Fact]
    public void The_injected_cell_follows_the_parameters_cell_and_replaces_an_earlier_injection()
    {
        var notebook = NotebookDocument.Parse(NotebookJson.Of(
            NotebookJson.Markdown("# t"),
            NotebookJson.Code(Defaults, "parameters"),
            NotebookJson.Code("hostPort = 1;", "injected-parameters"),
            NotebookJson.Code("Console.WriteLine(hostPort);")));

        var injected = ParameterInjector.Inject(notebook, new Dictionary<string, string> { ["hostPort"] = "9090", ["bindAddress"] = "127.0.0.1" });

        Assert.NotNull(injected);
        Assert.Equal(4, notebook.Cells.Count);
        Assert.Same(injected, notebook.Cells[2]);
        Assert.True(injected.HasTag(NotebookCell.InjectedParametersTag));
        Assert.Equal("csharp", injected.KernelName);
        Assert.Contains("hostPort = 9090;", injected.Source);
        Assert.Contains("bindAddress = \"127.0.0.1\";", injected.Source);
        Assert.DoesNotContain("hostPort = 1;", string.Concat(notebook.Cells.Select(c => c.Source)));
    }

    [Fact]
    public void An_unknown_name_is_rejected_with_the_names_the_notebook_knows()
    {
        var notebook = NotebookDocument.Parse(NotebookJson.Of(NotebookJson.Code(Defaults, "parameters")));

        var e = Assert.Throws<ParameterException>(() => ParameterInjector.Inject(notebook, new Dictionary<string, string> { ["hostport"] = "1" }));

        Assert.Contains("unknown parameter 'hostport'", e.Message);
        Assert.Contains("hostPort (int), bindAddress (string), verbose (bool), ratio (double), big (long)", e.Message);
    }

    [Fact]
    public void A_notebook_without_a_parameters_cell_rejects_any_parameter()
    {
        var notebook = NotebookDocument.Parse(NotebookJson.Of(NotebookJson.Code("var x = 1;")));
        var e = Assert.Throws<ParameterException>(() => ParameterInjector.Inject(notebook, new Dictionary<string, string> { ["x"] = "2" }));
        Assert.Contains("no cell is tagged 'parameters'", e.Message);
    }

    [Fact]
    public void Without_values_nothing_is_injected_but_a_stale_injection_is_removed()
    {
        var notebook = NotebookDocument.Parse(NotebookJson.Of(NotebookJson.Code(Defaults, "parameters"), NotebookJson.Code("hostPort = 1;", "injected-parameters")));
        Assert.Null(ParameterInjector.Inject(notebook, new Dictionary<string, string>()));
        Assert.Single(notebook.Cells);
    }
}
