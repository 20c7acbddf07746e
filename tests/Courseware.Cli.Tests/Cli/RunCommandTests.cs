using ApprovalTests;
using ApprovalTests.Reporters;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// <c>courseware run</c> as a process, on fixture notebooks that need no Docker. What it prints is asserted line by
/// line; the executed notebook it writes is compared whole, as a <see cref="NotebookSnapshot"/>, against
/// <c>RunCommandTests.NAME.approved.txt</c> (a change fails with a <c>.received.txt</c> beside it to review).
/// </summary>
[UseReporter(typeof(QuietReporter))]
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

        // The whole executed notebook: format, ids, counts, tags, the injected cell, each output's type, mime types and text.
        var notebook = new ExecutedNotebook(Path.Combine(output, "values.ipynb"));
        Approvals.Verify(new NotebookSnapshot().Of(notebook));
        // Polyglot Notebooks runs a cell in the kernel its metadata names; the injected cell is the runner's own.
        Assert.Equal("csharp", (string?)notebook.Cell("injected-parameters")["metadata"]!["polyglot_notebook"]!["kernelName"]);
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

        Approvals.Verify(new NotebookSnapshot().Of(new ExecutedNotebook(Path.Combine(output, "expected-error.ipynb"))));
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

        Approvals.Verify(new NotebookSnapshot().Of(new ExecutedNotebook(Path.Combine(output, "failing.ipynb"))));
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

        Approvals.Verify(new NotebookSnapshot().Of(new ExecutedNotebook(Path.Combine(output, "failing.ipynb"))));
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

        Approvals.Verify(new NotebookSnapshot().Of(new ExecutedNotebook(Path.Combine(output, "endless.ipynb"))));
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
        // The first cell keeps one display: "step 5 of 5". object.Display() in this .NET Interactive build updates under
        // another id than it displayed: the first state stays, the intermediate ones are collapsed into the last.
        Approvals.Verify(new NotebookSnapshot().Of(new ExecutedNotebook(Path.Combine(output, "progress.ipynb"))));
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
        // The source had nbformat 4.4 and no ids; the executed copy is 4.5 with ids.
        Approvals.Verify(new NotebookSnapshot().Of(new ExecutedNotebook(Path.Combine(output, "b-relative.ipynb"))));
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
