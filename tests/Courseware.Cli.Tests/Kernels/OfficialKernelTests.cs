using Courseware.Cli.Tests.Support;
using Xunit.Abstractions;
using Microsoft.DotNet.Interactive.Events;

namespace Courseware.Cli.Tests.Kernels;

/// <summary>
/// The fixtures in the official dotnet-interactive kernel (the tool VS Code runs), driven over stdio: what passes
/// in-process must pass there too. The tool comes from the repository's manifest, restored here first.
/// </summary>
public sealed class OfficialKernelTests(OfficialKernelTests.Shared shared, ITestOutputHelper log) : IClassFixture<OfficialKernelTests.Shared>
{
    /// <summary>One kernel for the class: it starts in about two seconds, and the tests leave it usable.</summary>
    public sealed class Shared : IAsyncLifetime
    {
        public OfficialKernel? Kernel { get; private set; }

        public async Task InitializeAsync()
        {
            var (exit, output, error) = Prerequisites.Run("dotnet", ["tool", "restore"], Paths.RepoRoot);
            Assert.True(exit == 0, $"dotnet tool restore failed:\n{output}{error}");
            Kernel = await OfficialKernel.StartAsync(new OfficialKernelOptions { WorkingDirectory = Paths.Fixtures, ToolDirectory = Paths.RepoRoot });
        }

        public async Task DisposeAsync()
        {
            if (Kernel is not null) await Kernel.DisposeAsync();
        }
    }

    private OfficialKernel _kernel => shared.Kernel!;

    [Fact]
    public async Task Every_code_cell_of_the_fixtures_runs_in_the_official_kernel_without_an_unexpected_failure()
    {
        log.WriteLine($"official kernel ready in {_kernel.StartupTime.TotalSeconds:0.00} s (pid {_kernel.KernelProcessId})");
        Assert.NotNull(_kernel.KernelProcessId);
        foreach (var fixture in new[] { "values.ipynb", "relative-reference.ipynb", "expected-error.ipynb", "progress.ipynb", "plotly.ipynb" })
        {
            var started = DateTime.UtcNow;
            var results = await _kernel.RunNotebookAsync(Paths.Fixture(fixture), cellTimeout: TimeSpan.FromMinutes(2));
            log.WriteLine($"{fixture}: {results.Count} cells in {(DateTime.UtcNow - started).TotalSeconds:0.00} s");

            Assert.NotEmpty(results);
            var unexpected = results.Where(r => r.IsUnexpected).Select(r => $"{fixture} cell {r.CellId}: {r.Submission.FailureMessage ?? "succeeded but is tagged raises-exception"}").ToList();
            Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
            Assert.Equal(results.Count(r => r.ExpectsError), results.Count(r => !r.Submission.Succeeded));
            if (fixture == "values.ipynb")
            {
                var printed = string.Concat(results.Select(r => r.Submission.StandardOutput));
                Assert.Contains("hostPort=8080 bindAddress=0.0.0.0", printed);
                Assert.Contains("working directory: Fixtures", printed); // --working-dir is the notebook's folder
            }
        }
    }

    /// <summary>
    /// In VS Code there is no runner to explain a NullReferenceException: the notebook library does it in the kernel,
    /// naming the cell that failed, and says nothing about one thrown inside a library.
    /// </summary>
    [Fact]
    public async Task A_null_left_by_a_failed_cell_gets_a_hint_naming_that_cell_from_the_kernel_itself()
    {
        var setup = await _kernel.SubmitCodeAsync("#r \"../Courseware.Lab.dll\"\n#r \"../Courseware.Lab.Interactive.dll\"\nusing Courseware.Lab;\nusing Courseware.Lab.Interactive;\nLabFormatters.Register();");
        Assert.True(setup.Succeeded, setup.FailureMessage);
        var connect = await _kernel.SubmitCodeAsync("// docker version && docker info   (nothing listens on port 1)\nvar hinted = await DockerLab.ConnectAsync(\"null-hint\", new LabOptions { Endpoint = \"tcp://127.0.0.1:1\" });");
        Assert.False(connect.Succeeded);

        var own = await _kernel.SubmitCodeAsync("// docker ps\nawait hinted.PsAsync()");

        Assert.False(own.Succeeded);
        var hint = Assert.Single(own.DisplayedValues, v => v.Value.StartsWith(Courseware.Lab.Interactive.EarlierCellHints.Prefix, StringComparison.Ordinal));
        Assert.Equal("text/plain", hint.MimeType);
        Assert.Contains("the cell `// docker version && docker info   (nothing listens on port 1)` failed earlier", hint.Value);

        // Once that cell runs without failing, no cell is blamed any more.
        Assert.True((await _kernel.SubmitCodeAsync("// docker version && docker info   (nothing listens on port 1)\nhinted = null;")).Succeeded);
        var again = await _kernel.SubmitCodeAsync("// docker ps\nawait hinted.PsAsync()");
        var general = Assert.Single(again.DisplayedValues, v => v.Value.StartsWith(Courseware.Lab.Interactive.EarlierCellHints.Prefix, StringComparison.Ordinal));
        Assert.Equal(Courseware.Lab.Interactive.EarlierCellHints.For(null), general.Value);
    }

    [Fact]
    public async Task Submissions_report_output_values_and_failures()
    {
        var print = await _kernel.SubmitCodeAsync("Console.WriteLine(\"from the official kernel\"); 6 * 7");
        Assert.True(print.Succeeded, print.FailureMessage);
        Assert.Equal("from the official kernel\n", print.StandardOutput);
        Assert.Contains(print.DisplayedValues, v => v.Value.Contains("42"));
        Assert.Contains(print.Events, e => e.EventType == nameof(ReturnValueProduced));

        var failure = await _kernel.SubmitCodeAsync("throw new InvalidOperationException(\"official boom\");");
        Assert.False(failure.Succeeded);
        Assert.Contains("official boom", failure.FailureMessage);
    }

    [Fact]
    public async Task A_submission_past_its_timeout_is_cancelled_and_the_kernel_goes_on()
    {
        var endless = await _kernel.SubmitCodeAsync(
            "await Task.Delay(System.Threading.Timeout.Infinite, Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken);",
            timeout: TimeSpan.FromSeconds(2));
        Assert.False(endless.Succeeded);
        Assert.Contains("cancel", endless.FailureMessage, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(endless.Duration, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

        var after = await _kernel.SubmitCodeAsync("Console.Write(\"still alive\");");
        Assert.True(after.Succeeded, after.FailureMessage);
        Assert.Equal("still alive", after.StandardOutput);
    }
}
