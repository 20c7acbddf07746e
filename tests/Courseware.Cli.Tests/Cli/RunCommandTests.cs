using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary><c>courseware run</c> as a process, on fixture notebooks that need no Docker.</summary>
public sealed class RunCommandTests
{
    private static Task<CliRun> Run(string output, params string[] args) =>
        CoursewareProcess.RunAsync(["run", .. args, "--output", output]);

    [Fact]
    public async Task Parameters_are_injected_and_the_executed_notebook_has_outputs_counts_and_ids()
    {
        var output = Paths.NewOutputDirectory("values");
        var run = await Run(output, Paths.Fixture("values.ipynb"), "--param", "hostPort=9090", "--param", "bindAddress=127.0.0.1", "-p", "ratio=0.75");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("▶ values.ipynb (7 code cells) with hostPort=9090, bindAddress=127.0.0.1, ratio=0.75", run.Output);
        Assert.Contains(run.Lines, l => l.StartsWith("  [2/7] ✓ ok", StringComparison.Ordinal) && l.EndsWith("// Parameters injected by courseware run (--param).", StringComparison.Ordinal));
        Assert.Equal(7, run.Lines.Count(l => l.StartsWith("  [", StringComparison.Ordinal) && l.Contains("] ✓ ok ", StringComparison.Ordinal)));
        Assert.Contains("✓ values.ipynb succeeded", run.Output);
        Assert.Contains(Path.Combine(output, "values.ipynb"), run.Output);
        Assert.Contains(Path.Combine(output, "values.html"), run.Output);
        Assert.Matches(@"^Notebooks: 1 succeeded, 0 did not, in \d+\.\d\d s\.$", run.Lines.Last(l => l.Length > 0));

        var notebook = new ExecutedNotebook(Path.Combine(output, "values.ipynb"));
        Assert.Equal(4, (int?)notebook.Root["nbformat"]);
        Assert.Equal(5, (int?)notebook.Root["nbformat_minor"]);
        Assert.Equal(".net-csharp", (string?)notebook.Root["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)notebook.Root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        var ids = notebook.Cells.Select(c => (string?)c["id"]).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var code = notebook.CodeCells;
        Assert.Equal(Enumerable.Range(1, 7).Cast<int?>(), code.Select(ExecutedNotebook.ExecutionCount));
        Assert.Equal(["parameters"], ExecutedNotebook.Tags(code[0]));
        var injected = code[1];
        Assert.Equal(["injected-parameters"], ExecutedNotebook.Tags(injected));
        Assert.Equal("csharp", (string?)injected["metadata"]!["polyglot_notebook"]!["kernelName"]);
        Assert.Equal("""
            // Parameters injected by courseware run (--param).
            hostPort = 9090;
            bindAddress = "127.0.0.1";
            ratio = 0.75d;
            """.ReplaceLineEndings("\n"), ExecutedNotebook.Source(injected));

        Assert.Equal("hostPort=9090 bindAddress=127.0.0.1 verbose=False ratio=0.75 big=5000000000\n", ExecutedNotebook.Stdout(notebook.Cell("print-parameters")));

        var returned = ExecutedNotebook.Outputs(notebook.Cell("return-value")).Single();
        Assert.Equal("execute_result", (string?)returned["output_type"]);
        Assert.Equal(4, (int?)returned["execution_count"]);
        Assert.Contains("9091", ExecutedNotebook.Join(returned["data"]!["text/html"]));

        var displayed = ExecutedNotebook.Outputs(notebook.Cell("display-html"));
        Assert.Equal(["display_data", "stream"], displayed.Select(o => (string?)o["output_type"]));
        Assert.Equal("<b>bold from a cell</b>", ExecutedNotebook.Join(displayed[0]["data"]!["text/html"]));
        Assert.Equal("stderr", (string?)displayed[1]["name"]);

        var table = ExecutedNotebook.Outputs(notebook.Cell("table")).Single();
        Assert.Contains("<table>", ExecutedNotebook.Join(table["data"]!["text/html"]));

        // The process working directory was the notebook's folder.
        Assert.Equal("working directory: Fixtures\nHello from the fixture folder.\n", ExecutedNotebook.Stdout(notebook.Cell("working-directory")));
    }

    [Fact]
    public async Task An_unknown_parameter_is_rejected_with_the_known_names_and_nothing_runs()
    {
        var output = Paths.NewOutputDirectory("unknown");
        var run = await Run(output, Paths.Fixture("values.ipynb"), "--param", "hostport=9090");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown parameter 'hostport'", run.Error);
        Assert.Contains("Known parameters: hostPort (int), bindAddress (string), verbose (bool), ratio (double), big (long).", run.Error);
        Assert.DoesNotContain("▶", run.Output);
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task A_value_that_does_not_fit_the_default_type_is_rejected()
    {
        var run = await Run(Paths.NewOutputDirectory("badvalue"), Paths.Fixture("values.ipynb"), "--param", "hostPort=abc");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--param hostPort=abc: 'abc' is not an int (declared as: var hostPort = 8080;)", run.Error);
    }

    [Fact]
    public async Task A_raises_exception_cell_that_fails_is_expected_and_one_that_succeeds_fails_the_run()
    {
        var output = Paths.NewOutputDirectory("expected");
        var run = await Run(output, Paths.Fixture("expected-error.ipynb"), Paths.Fixture("missing-error.ipynb"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("  [2/3] ✓ expected-error", StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException: this failure is the lesson", run.Output);
        Assert.Contains("✓ expected-error.ipynb succeeded", run.Output);
        Assert.Contains(run.Lines, l => l.StartsWith("  [1/2] ✗ no-error", StringComparison.Ordinal));
        Assert.Contains("the cell is tagged 'raises-exception' but did not fail", run.Output);
        Assert.Contains("✗ missing-error.ipynb failed", run.Output);
        Assert.Contains("Notebooks: 1 succeeded, 1 did not", run.Output);

        var notebook = new ExecutedNotebook(Path.Combine(output, "expected-error.ipynb"));
        var error = ExecutedNotebook.Outputs(notebook.CodeCells[1]).Single();
        Assert.Equal("error", (string?)error["output_type"]);
        Assert.Equal("InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("this failure is the lesson", (string?)error["evalue"]);
        Assert.Contains(error["traceback"]!.AsArray(), l => ((string?)l)!.Contains("InvalidOperationException: this failure is the lesson"));
        Assert.Equal("after the expected error\n", ExecutedNotebook.Stdout(notebook.CodeCells[2]));
    }

    [Fact]
    public async Task A_failing_cell_stops_the_notebook_and_the_rest_is_not_run()
    {
        var output = Paths.NewOutputDirectory("failing");
        var run = await Run(output, Paths.Fixture("failing.ipynb"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("  [2/4] ✗ failed", StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException: boom", run.Output);
        Assert.DoesNotContain("[3/4]", run.Output);
        Assert.Contains("✗ failing.ipynb failed", run.Output);
        Assert.Contains("cell 2 failed; 2 cells not run", run.Output);

        var cells = new ExecutedNotebook(Path.Combine(output, "failing.ipynb")).CodeCells;
        Assert.Equal([1, 2, null, null], cells.Select(ExecutedNotebook.ExecutionCount));
        Assert.Empty(ExecutedNotebook.Outputs(cells[2]));
    }

    [Fact]
    public async Task Keep_going_runs_the_cells_after_a_failure_and_still_fails()
    {
        var output = Paths.NewOutputDirectory("keepgoing");
        var run = await Run(output, Paths.Fixture("failing.ipynb"), "--keep-going");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("  [3/4] ✓ ok", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("  [4/4] ✗ failed", StringComparison.Ordinal));
        Assert.Contains("CompilationError: (1,18): error CS0029", run.Output);
        Assert.Contains("cell 2 failed, cell 4 failed", run.Output);

        var cells = new ExecutedNotebook(Path.Combine(output, "failing.ipynb")).CodeCells;
        Assert.Equal([1, 2, 3, 4], cells.Select(ExecutedNotebook.ExecutionCount));
        Assert.Equal("after\n", ExecutedNotebook.Stdout(cells[2]));
        Assert.Equal("CompilationError", (string?)ExecutedNotebook.Outputs(cells[3]).Single()["ename"]);
    }

    [Fact]
    public async Task Cell_timeout_cancels_a_cell_that_honours_cancellation_and_fails_cleanly()
    {
        var output = Paths.NewOutputDirectory("timeout");
        var run = await Run(output, Paths.Fixture("endless.ipynb"), "--cell-timeout", "2");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Lines, l => l.StartsWith("  [2/3] ⏱ timeout", StringComparison.Ordinal));
        Assert.Matches(@"timeout\s+2\.\d\d s", line);
        Assert.Contains("cell 2 timeout; 1 cell not run", run.Output);
        Assert.InRange(run.Duration, TimeSpan.Zero, TimeSpan.FromSeconds(45));

        var cells = new ExecutedNotebook(Path.Combine(output, "endless.ipynb")).CodeCells;
        Assert.Equal("CellTimeoutError", (string?)ExecutedNotebook.Outputs(cells[1]).Single()["ename"]);
        Assert.Null(ExecutedNotebook.ExecutionCount(cells[2]));
    }

    /// <summary>
    /// Cancel cannot stop a busy loop that never awaits or checks a token: the cell is reported as timed out at once,
    /// its thread spins until courseware exits, and the run still ends with a failure instead of hanging.
    /// </summary>
    [Fact]
    public async Task Cell_timeout_ends_the_run_even_when_the_cell_ignores_cancellation()
    {
        var output = Paths.NewOutputDirectory("cpuloop");
        var run = await Run(output, Paths.Fixture("cpu-loop.ipynb"), "--cell-timeout", "1.5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("  [2/3] ⏱ timeout", StringComparison.Ordinal));
        Assert.InRange(run.Duration, TimeSpan.Zero, TimeSpan.FromSeconds(45));
        Assert.True(File.Exists(Path.Combine(output, "cpu-loop.ipynb")));
    }

    [Fact]
    public async Task An_updated_display_leaves_only_its_last_state()
    {
        var output = Paths.NewOutputDirectory("progress");
        var run = await Run(output, Paths.Fixture("progress.ipynb"), "--format", "ipynb");

        Assert.True(run.ExitCode == 0, run.ToString());
        var cells = new ExecutedNotebook(Path.Combine(output, "progress.ipynb")).CodeCells;
        var progress = Assert.Single(ExecutedNotebook.Outputs(cells[0]));
        Assert.Equal("display_data", (string?)progress["output_type"]);
        Assert.Equal("step 5 of 5", ExecutedNotebook.Join(progress["data"]!["text/plain"]));

        // object.Display() in this .NET Interactive build updates under another id than it displayed: the first
        // state stays, the intermediate ones are collapsed into the last.
        var status = ExecutedNotebook.Outputs(cells[1]).Select(o => ExecutedNotebook.Join(o["data"]!["text/plain"])).ToList();
        Assert.Equal(["status: starting", "status: done"], status);
        Assert.False(File.Exists(Path.Combine(output, "progress.html")));
    }

    [Fact]
    public async Task A_folder_runs_its_notebooks_in_name_order_with_relative_references_resolved()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Paths.Fixtures, "..", "folder-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(Paths.Fixture("relative-reference.ipynb"), Path.Combine(folder, "b-relative.ipynb"));
        File.Copy(Paths.Fixture("expected-error.ipynb"), Path.Combine(folder, "a-expected.ipynb"));
        var output = Paths.NewOutputDirectory("folder");

        var run = await Run(output, folder, "--format", "ipynb");

        Assert.True(run.ExitCode == 0, run.ToString());
        var headers = run.Lines.Where(l => l.StartsWith("▶", StringComparison.Ordinal)).ToList();
        Assert.Equal(["▶ a-expected.ipynb (3 code cells)", "▶ b-relative.ipynb (2 code cells)"], headers);
        var relative = new ExecutedNotebook(Path.Combine(output, "b-relative.ipynb"));
        Assert.Equal("Courseware.Lab.LabLabels\n", ExecutedNotebook.Stdout(relative.CodeCells[1]));
        // The source had nbformat 4.4 and no ids; the executed copy is 4.5 with ids.
        Assert.Equal(5, (int?)relative.Root["nbformat_minor"]);
        Assert.All(relative.Cells, c => Assert.NotNull((string?)c["id"]));
    }

    [Fact]
    public async Task Usage_mistakes_are_reported_in_one_line_with_exit_code_2()
    {
        var output = Paths.NewOutputDirectory("usage");
        var missing = await Run(output, Paths.Fixture("no-such.ipynb"));
        var format = await Run(output, Paths.Fixture("values.ipynb"), "--format", "docx");
        var paper = await Run(output, Paths.Fixture("values.ipynb"), "--format", "pdf", "--paper", "a3");
        var book = await Run(output, Paths.Fixture("values.ipynb"), "--book");
        var overwrite = await CoursewareProcess.RunAsync(["run", Paths.Fixture("values.ipynb"), "--output", Paths.Fixtures]);

        Assert.Equal((2, 2, 2, 2, 2), (missing.ExitCode, format.ExitCode, paper.ExitCode, book.ExitCode, overwrite.ExitCode));
        Assert.Contains("no-such.ipynb: no such notebook or folder.", missing.Error);
        Assert.Contains("--format docx: unknown format; use ipynb, html, pdf", format.Error);
        Assert.Contains("--paper a3: use a4 or letter.", paper.Error);
        Assert.Contains("--book prints one PDF of every notebook: add pdf to --format", book.Error);
        Assert.Contains("would overwrite the source notebook", overwrite.Error);
    }
}
