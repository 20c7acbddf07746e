using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Tests.Unit;

public sealed class SolutionRegionsTests
{
    [Fact]
    public void A_region_becomes_the_placeholder_and_a_failing_line_and_nothing_else_changes()
    {
        const string teacher = "// docker run -d -p 127.0.0.1:8085:80 --name loopback-web exercise4\n// BEGIN SOLUTION\nvar web = await docker.RunAsync(\"exercise4\");\nweb\n// END SOLUTION";
        var (student, regions) = SolutionRegions.ToStudent(teacher);

        Assert.Equal(1, regions);
        Assert.Equal("// docker run -d -p 127.0.0.1:8085:80 --name loopback-web exercise4\n// YOUR CODE HERE\nthrow new ExerciseNotDoneException();", student);
    }

    [Fact]
    public void Indentation_text_around_and_the_final_newline_are_kept()
    {
        const string teacher = "try\n{\n    // BEGIN SOLUTION\n    await Do();\n    // END SOLUTION\n}\ncatch (LabException e) { display(e); }\n";
        var (student, regions) = SolutionRegions.ToStudent(teacher);

        Assert.Equal(1, regions);
        Assert.Equal("try\n{\n    // YOUR CODE HERE\n    throw new ExerciseNotDoneException();\n}\ncatch (LabException e) { display(e); }\n", student);
    }

    [Fact]
    public void Several_regions_in_one_cell_are_all_replaced()
    {
        var (student, regions) = SolutionRegions.ToStudent("a\n// BEGIN SOLUTION\nb\n// END SOLUTION\nc\n// BEGIN SOLUTION\nd\n// END SOLUTION\ne");
        Assert.Equal(2, regions);
        Assert.Equal("a\n// YOUR CODE HERE\nthrow new ExerciseNotDoneException();\nc\n// YOUR CODE HERE\nthrow new ExerciseNotDoneException();\ne", student);
    }

    [Fact]
    public void A_cell_without_regions_is_returned_unchanged()
    {
        const string source = "// docker ps\nawait docker.PsAsync()\n";
        Assert.Equal((source, 0), SolutionRegions.ToStudent(source));
        Assert.False(SolutionRegions.HasRegion(source));
        Assert.True(SolutionRegions.HasRegion("x\n  // BEGIN SOLUTION  \ny"));
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx", "line 1: '// BEGIN SOLUTION' is never closed")]
    [InlineData("x\n// END SOLUTION", "line 2: '// END SOLUTION' without a '// BEGIN SOLUTION'")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "line 2: '// BEGIN SOLUTION' inside the region opened on line 1")]
    public void Unbalanced_markers_are_refused_with_the_line(string source, string message)
    {
        var e = Assert.Throws<SolutionRegionException>(() => SolutionRegions.ToStudent(source));
        Assert.StartsWith(message, e.Message);
    }
}
