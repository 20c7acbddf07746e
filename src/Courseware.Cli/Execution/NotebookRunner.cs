using System.Diagnostics;
using Courseware.Cli.Export;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Reporting;
using Courseware.Lab;
using Courseware.Lab.Interactive;

namespace Courseware.Cli.Execution;

/// <summary>
/// Runs one notebook top to bottom in a fresh in-process kernel, the way VS Code would: the process working directory
/// is the notebook's folder while it runs, so relative paths (#r "../build/lab/Courseware.Lab.dll") resolve as they do
/// for a learner. Whatever happens, what the notebook created on the Docker engine is removed afterwards.
/// Because the kernel shares this process, a notebook's <c>#r ".../Courseware.Lab.dll"</c> binds to the copy of
/// Courseware.Lab that courseware itself loaded (same assembly identity), not to the file it names; the official kernel
/// (driven by the tests' client in tests/Courseware.Cli.Tests/Kernels/Official) loads the named file.
/// </summary>
/// <param name="printer">Prints the PDFs when <see cref="OutputFormat.Pdf"/> is asked for.</param>
public sealed class NotebookRunner(RunSettings settings, IRunReporter reporter, PdfPrinter? printer = null)
{
    /// <summary>Kernels Polyglot uses for cells that only draw something; without them here such a cell is skipped, not failed.</summary>
    private static readonly HashSet<string> DisplayOnlyKernels = new(StringComparer.OrdinalIgnoreCase) { "mermaid" };

    public static PreparedNotebook Prepare(string path, IReadOnlyDictionary<string, string> parameters)
    {
        var document = NotebookDocument.Load(path);
        var injected = ParameterInjector.Inject(document, parameters);
        document.NormalizeForPolyglot();
        return new PreparedNotebook(Path.GetFullPath(path), document, injected);
    }

    public async Task<NotebookRunResult> RunAsync(PreparedNotebook notebook, CancellationToken cancellationToken)
    {
        var document = notebook.Document;
        var codeCells = document.Cells.Where(c => c.IsCode && c.Source.Trim().Length > 0).ToList();
        foreach (var cell in document.Cells) cell.ClearExecution();

        var header = new NotebookHeader(document.Name, notebook.SourcePath, codeCells.Count,
            notebook.InjectedCell is null ? [] : settings.Parameters.Select(p => $"{p.Key}={p.Value}").ToArray());
        return await reporter.RunNotebookAsync(header, progress => RunCellsAsync(notebook, codeCells, progress, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<NotebookRunResult> RunCellsAsync(PreparedNotebook notebook, IReadOnlyList<NotebookCell> codeCells, INotebookProgress progress, CancellationToken cancellationToken)
    {
        var document = notebook.Document;
        var total = Stopwatch.StartNew();
        var outcomes = new List<CellOutcome>();
        var kernelStart = TimeSpan.Zero;
        CleanupReport? cleanup = null;
        string? cleanupProblem = null;
        var interrupted = false;
        var checks = new CheckTally();
        var previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(Path.GetDirectoryName(notebook.SourcePath)!);
            var startWatch = Stopwatch.StartNew();
            InProcessKernel kernel;
            try
            {
                kernel = await InProcessKernel.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM while the kernel was starting: no cell ran; the run ends like any interrupted one.
                interrupted = true;
                return new NotebookRunResult(document.Name, notebook.SourcePath, outcomes, codeCells.Count, total.Elapsed, startWatch.Elapsed,
                    [], null, null, Interrupted: true, checks);
            }
            using var kernelScope = kernel;
            kernelStart = startWatch.Elapsed;

            var executionCount = 0;
            for (var i = 0; i < codeCells.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }
                var cell = codeCells[i];
                var start = new CellStart(i + 1, codeCells.Count, cell.Id ?? "", NotebookCell.FirstLine(cell.Source), cell.Tags);
                progress.CellStarted(start);
                var kernelName = cell.KernelNameOr(document.DefaultKernelName);
                if (DisplayOnlyKernels.Contains(kernelName))
                {
                    var skipped = new CellOutcome(start.Number, start.Total, start.CellId, start.FirstLine, CellStatus.Skipped, TimeSpan.Zero,
                        $"'{kernelName}' cells are not rendered by courseware run");
                    outcomes.Add(skipped);
                    progress.CellFinished(skipped);
                    continue;
                }

                var execution = await kernel.ExecuteAsync(cell.Source, kernelName, ++executionCount, settings.CellTimeout, cancellationToken).ConfigureAwait(false);
                cell.ExecutionCount = executionCount;
                var hint = EarlierCellHint(execution, outcomes);
                if (hint is not null) EarlierCellHints.AddTo(execution.Outputs, hint);
                cell.Json["outputs"] = execution.Outputs;
                var outcome = Judge(start, cell.HasTag(NotebookCell.RaisesExceptionTag), execution, hint) with { Checks = checks.Add(cell, execution.Outputs) };
                outcomes.Add(outcome);
                progress.CellFinished(outcome);

                if (outcome.Status == CellStatus.Cancelled)
                {
                    interrupted = true;
                    break;
                }
                // A timed-out cell may still be running (code that ignores the cancellation token): nothing after it
                // can be trusted to run in that kernel, whatever --keep-going says.
                if (outcome.Status == CellStatus.TimedOut) break;
                if (outcome.IsFailure && !settings.KeepGoing) break;
                if (outcome.Status == CellStatus.NotOnThisEngine) break;
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            (cleanup, cleanupProblem) = await CleanupAsync().ConfigureAwait(false);
            progress.CleanedUp(cleanup, cleanupProblem);
        }

        var notOnThisEngine = outcomes.LastOrDefault()?.Status == CellStatus.NotOnThisEngine;
        foreach (var notReached in codeCells.Skip(outcomes.Count).Where(c => c.HasTag(CheckTally.CheckTag)))
            if (notOnThisEngine) checks.AddNotApplicable(notReached);
            else checks.AddNotRun(notReached);
        checks.WriteTo(document);
        progress.Scored(checks);
        var (outputs, outputProblem) = WriteOutputs(document);
        var pdfProblem = outputProblem is null ? await WritePdfAsync(document, outputs).ConfigureAwait(false) : null;
        return new NotebookRunResult(document.Name, notebook.SourcePath, outcomes, codeCells.Count, total.Elapsed, kernelStart,
            outputs, cleanup, cleanupProblem, interrupted, checks, outputProblem, pdfProblem);
    }

    /// <summary>How a cell ended, from what its submission did; the Jupyter kernel judges its cells the same way.</summary>
    internal static CellOutcome Judge(CellStart start, bool expectsError, CellExecution execution, string? hint = null)
    {
        var (status, error) = execution.Result switch
        {
            ExecutionResult.TimedOut => (CellStatus.TimedOut, execution.ErrorMessage),
            ExecutionResult.Cancelled => (CellStatus.Cancelled, execution.ErrorMessage),
            ExecutionResult.Failed when expectsError => (CellStatus.ExpectedError, $"{execution.ErrorName}: {execution.ErrorMessage}"),
            // The type crosses the kernel boundary by name only.
            ExecutionResult.Failed when execution.ErrorName == nameof(UnsupportedEngineException) => (CellStatus.NotOnThisEngine, execution.ErrorMessage),
            ExecutionResult.Failed => (CellStatus.Failed, $"{execution.ErrorName}: {execution.ErrorMessage}" + (hint is null ? "" : "\n" + hint)),
            ExecutionResult.Succeeded when expectsError => (CellStatus.MissingError,
                $"the cell is tagged '{NotebookCell.RaisesExceptionTag}' but did not fail"),
            _ => (CellStatus.Succeeded, (string?)null),
        };
        return new CellOutcome(start.Number, start.Total, start.CellId, start.FirstLine, status, execution.Duration, error);
    }

    /// <summary>
    /// Removes every container, network and image that sessions of this process created. The kernel runs in this
    /// process, so whatever Lab the notebook connected is labelled with this pid.
    /// </summary>
    public static async Task<(CleanupReport? Report, string? Problem)> CleanupAsync(TimeSpan? limit = null)
    {
        // Nothing connected, nothing created: no need to reach the engine (or to have one).
        if (!DockerLab.AnySessionInThisProcess) return (null, null);
        try
        {
            using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
            return (await DockerLab.CleanThisProcessAsync(cancellationToken: timeout.Token).ConfigureAwait(false), null);
        }
        catch (EngineUnreachableException)
        {
            // No engine: the notebook cannot have created anything on it.
            return (null, null);
        }
        catch (Exception e)
        {
            return (null, $"clean-up failed ({e.GetType().Name}: {e.Message}); run 'courseware clean'");
        }
    }

    /// <summary>
    /// The folder was proven writable before the run; a disk that fills up or a folder removed meanwhile still fails
    /// here, and is reported as the notebook's failure (no partial file is left) rather than as a crash.
    /// </summary>
    private (List<string> Written, string? Problem) WriteOutputs(NotebookDocument document)
    {
        var written = new List<string>();
        var path = "";
        try
        {
            Directory.CreateDirectory(settings.OutputDirectory);
            if (settings.Formats.Contains(OutputFormat.Ipynb))
            {
                path = Path.Combine(settings.OutputDirectory, document.Name + ".ipynb");
                IpynbWriter.Write(document, path);
                written.Add(path);
            }
            if (settings.Formats.Contains(OutputFormat.Html))
            {
                path = Path.Combine(settings.OutputDirectory, document.Name + ".html");
                HtmlExporter.Write(document, path);
                written.Add(path);
            }
            return (written, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (written, $"could not write {path}: {e.Message}");
        }
    }

    /// <summary>
    /// Under a learner's own NullReferenceException, the hint naming the last cell that failed before it (a cell that
    /// itself failed on such a null is a consequence, not the cause); see <see cref="EarlierCellHints"/>. The runner and
    /// the Jupyter kernel both ask here.
    /// </summary>
    internal static string? EarlierCellHint(CellExecution execution, IReadOnlyList<CellOutcome> earlier)
    {
        if (execution.Result != ExecutionResult.Failed || execution.ErrorName != nameof(NullReferenceException)) return null;
        var failed = earlier.LastOrDefault(o => o.IsFailure && o.Error?.StartsWith(nameof(NullReferenceException), StringComparison.Ordinal) != true);
        return EarlierCellHints.For(failed is null ? null : $"cell {failed.Number} ({ProgressText.Truncate(failed.FirstLine, 80)})");
    }

    /// <summary>
    /// The PDF is printed from the HTML export (from a page in memory when no .html is asked for). A PDF that cannot be
    /// made (no Chromium, a chart that does not draw) is reported on its own: the lesson ran and its other outputs stand.
    /// </summary>
    private async Task<string?> WritePdfAsync(NotebookDocument document, List<string> written)
    {
        if (!settings.Formats.Contains(OutputFormat.Pdf)) return null;
        if (printer is null) throw new InvalidOperationException("--format pdf without a PdfPrinter");
        var pdf = Path.Combine(settings.OutputDirectory, document.Name + ".pdf");
        try
        {
            var html = written.FirstOrDefault(p => p.EndsWith(".html", StringComparison.Ordinal));
            if (html is null) await printer.PrintPageAsync(HtmlExporter.Export(document), pdf).ConfigureAwait(false);
            else await printer.PrintAsync(html, pdf).ConfigureAwait(false);
            written.Add(pdf);
            return null;
        }
        catch (PdfException e)
        {
            return $"no PDF: {e.Message}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"no PDF: could not write {pdf}: {e.Message}";
        }
    }
}
