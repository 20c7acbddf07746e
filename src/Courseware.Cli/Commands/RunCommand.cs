using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Courseware.Cli.Execution;
using Courseware.Cli.Export;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Reporting;

namespace Courseware.Cli.Commands;

/// <summary><c>courseware run</c>: papermill, nbmake and nbconvert for the lessons, in one.</summary>
public static class RunCommand
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    /// <summary>Nothing failed, but a notebook stopped where this engine cannot follow (a rootless engine and lesson 07's cluster).</summary>
    public const int ExitNotOnThisEngine = 3;
    /// <summary>The notebooks ran (as 0 or 3 would say) and their other outputs are written, but a PDF could not be made.</summary>
    public const int ExitNoPdf = 4;
    public const int ExitInterrupted = 130;

    public static Command Create(ConsoleStreams streams)
    {
        var notebooks = new Argument<string[]>("NOTEBOOK|DIR")
        {
            Description = "Notebooks to run; a folder means its *.ipynb files, in name order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder for the executed notebooks (<name>.ipynb), pages (<name>.html) and handouts (<name>.pdf).",
            HelpName = "DIR",
            DefaultValueFactory = _ => Path.Combine("artifacts", "notebooks"),
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "What to write, comma-separated: ipynb, html, pdf (printed from the page by headless Chromium). With html and two notebooks or more, index.html lists them.",
            HelpName = "FORMATS",
            DefaultValueFactory = _ => "ipynb,html",
        };
        var paper = new Option<string>("--paper")
        {
            Description = "The PDF's paper: a4 or letter.",
            HelpName = "a4|letter",
            DefaultValueFactory = _ => PaperSize.A4.Name,
        };
        var browser = new Option<string?>("--browser")
        {
            Description = $"The Chromium or Chrome that prints PDFs (default: ${BrowserLocator.EnvironmentVariable}, else {BrowserLocator.DebianChromium}, else chromium on PATH).",
            HelpName = "PATH",
        };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "Overrides a default of the cell tagged 'parameters' (repeatable).",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var cellTimeout = new Option<double?>("--cell-timeout")
        {
            Description = "Seconds a cell may run before it is cancelled and the notebook fails (default: no limit).",
            HelpName = "SECONDS",
        };
        var book = new Option<bool>("--book")
        {
            Description = $"Also print every notebook, in order, into one PDF with a table of contents ({BookName}.pdf); needs pdf in --format.",
        };
        var pdfOptional = new Option<bool>("--pdf-optional")
        {
            Description = "With pdf in --format: when no Chromium is found, skip the PDFs with a note instead of failing (exit 4).",
        };
        var keepGoing = new Option<bool>("--keep-going")
        {
            Description = "Run the remaining cells after a failing cell (the notebook still fails).",
        };
        var command = new Command("run", "Runs notebooks top to bottom in a fresh C# kernel each and writes the executed notebooks.")
        {
            notebooks, output, format, paper, browser, book, pdfOptional, parameters, cellTimeout, keepGoing,
        };
        command.SetAction((parse, _) => RunAsync(streams,
            parse.GetValue(notebooks) ?? [],
            parse.GetValue(output)!,
            parse.GetValue(format)!,
            parse.GetValue(paper)!,
            parse.GetValue(browser),
            parse.GetValue(book),
            parse.GetValue(pdfOptional),
            parse.GetValue(parameters) ?? [],
            parse.GetValue(cellTimeout),
            parse.GetValue(keepGoing)));
        return command;
    }

    private static async Task<int> RunAsync(ConsoleStreams streams, string[] inputs, string outputDirectory, string formatList, string paperName,
        string? browserPath, bool book, bool pdfOptional, string[] parameterArgs, double? timeoutSeconds, bool keepGoing)
    {
        // Not doing the kernel's start after the rest: it overlaps everything up to the first cell. A usage error
        // below returns while it is still starting; the process ends and takes it along.
        InProcessKernel.Prestart();
        var reporter = streams.IsInteractiveTerminal ? (IRunReporter)new LiveReporter(streams.CreateAnsiConsole()) : new PlainReporter(streams.Out, streams.Error);
        // Signals are handled from the start, so that Ctrl+C or SIGTERM in any phase (reading the notebooks, the
        // kernel's start, a cell, the clean-up) ends the run the same way: clean-up, outputs, exit 130.
        using var interrupt = new CancellationTokenSource();
        var interrupts = 0;
        void Interrupt()
        {
            if (Interlocked.Increment(ref interrupts) == 1)
            {
                reporter.ShowError("Interrupted: cancelling the running cell, then cleaning up (Ctrl+C again to stop at once).");
                interrupt.Cancel();
                return;
            }
            // A second Ctrl+C: the cell ignores cancellation or the clean-up hangs. Clean up here, bounded, and leave.
            var cleanup = Task.Run(() => NotebookRunner.CleanupAsync());
            cleanup.Wait(TimeSpan.FromSeconds(20));
            Environment.Exit(ExitInterrupted);
        }
        ConsoleCancelEventHandler onCancelKey = (_, e) =>
        {
            e.Cancel = true;
            Interrupt();
        };
        Console.CancelKeyPress += onCancelKey;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Interrupt();
        });

        RunSettings settings;
        List<PreparedNotebook> prepared;
        PaperSize paper;
        try
        {
            var formats = ParseFormats(formatList);
            if (pdfOptional && !formats.Contains(OutputFormat.Pdf))
                throw new UsageException("--pdf-optional is about PDFs: add pdf to --format (e.g. --format ipynb,html,pdf --pdf-optional).");
            paper = PaperSize.Parse(paperName) ?? throw new UsageException($"--paper {paperName}: use a4 or letter.");
            if (book && !formats.Contains(OutputFormat.Pdf))
                throw new UsageException("--book prints one PDF of every notebook: add pdf to --format (e.g. --format ipynb,html,pdf --book).");
            if (timeoutSeconds is < 0) throw new UsageException("--cell-timeout must be a number of seconds, 0 for no limit.");
            var timeout = timeoutSeconds is > 0 ? TimeSpan.FromSeconds(timeoutSeconds.Value) : (TimeSpan?)null;
            var parameters = ParameterInjector.ParseAssignments(parameterArgs);
            settings = new RunSettings(Path.GetFullPath(outputDirectory), formats, parameters, timeout, keepGoing);
            var paths = ExpandInputs(inputs);
            prepared = paths.Select(p => NotebookRunner.Prepare(p, parameters)).ToList();
            CheckOutputs(prepared, settings);
            if (prepared.Count > 1 && settings.Formats.Contains(OutputFormat.Html) && prepared.Any(n => n.Document.Name == CourseIndex.FileName))
                throw new UsageException($"a notebook is named {CourseIndex.FileName}.ipynb: its page and the lessons' index ({CourseIndex.FileName}.html) would overwrite each other. Rename it, or run it on its own.");
            if (book && prepared.Any(n => n.Document.Name == BookName))
                throw new UsageException($"a notebook is named {BookName}.ipynb: its PDF and the --book PDF ({BookName}.pdf) would overwrite each other. Rename it or drop --book.");
        }
        catch (Exception e) when (e is UsageException or ParameterException or NotebookFormatException)
        {
            reporter.ShowError($"courseware run: {e.Message}");
            return ExitUsage;
        }

        if (interrupt.IsCancellationRequested)
        {
            Console.CancelKeyPress -= onCancelKey;
            return ExitInterrupted;
        }

        // No Chromium is no reason not to run: the lessons run and their other formats are written; the PDFs are
        // reported missing, with the fix, before the run and after it.
        await using var found = settings.Formats.Contains(OutputFormat.Pdf) ? PdfPrinter.Create(browserPath, paper) : null;
        var printer = found;
        string? noPdf = null;
        if (found?.Unavailable is { } unavailable)
        {
            if (pdfOptional)
            {
                // Asked for PDFs only where they can be made (the README's main command): the run goes on without them.
                reporter.ShowError($"courseware run: no PDFs this time (--pdf-optional): {unavailable}");
                settings = settings with { Formats = settings.Formats.Where(f => f != OutputFormat.Pdf).ToHashSet() };
                printer = null;
                book = false;
            }
            else
            {
                noPdf = $"courseware run: no PDF can be made: {unavailable} The other formats are written.";
                reporter.ShowError(noPdf);
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var results = new List<NotebookRunResult>();
        try
        {
            var runner = new NotebookRunner(settings, reporter, printer);
            foreach (var notebook in prepared)
            {
                if (interrupt.IsCancellationRequested) break;
                results.Add(await runner.RunAsync(notebook, interrupt.Token).ConfigureAwait(false));
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancelKey;
        }
        var bookProblem = book && printer is not null && !interrupt.IsCancellationRequested && results.Count > 0
            ? await WriteBookAsync(printer, prepared.Take(results.Count).Select(n => n.Document).ToList(), results, settings.OutputDirectory, streams).ConfigureAwait(false)
            : null;
        var indexProblem = settings.Formats.Contains(OutputFormat.Html) && prepared.Count > 1 && results.Count > 0
            ? WriteIndex(prepared, results, settings.OutputDirectory, streams) : null;
        reporter.Summary(results, prepared.Count, stopwatch.Elapsed);
        if (noPdf is not null) reporter.ShowError(noPdf);
        else if (bookProblem is not null) reporter.ShowError($"courseware run: no {BookName}.pdf: {bookProblem}");
        if (indexProblem is not null) reporter.ShowError($"courseware run: no {CourseIndex.FileName}.html: {indexProblem}");
        if (interrupt.IsCancellationRequested) return ExitInterrupted;
        if (results.Count != prepared.Count || results.Any(r => !r.Succeeded && !r.NotOnThisEngine)) return ExitFailed;
        if (results.Any(r => r.MissingPdf) || bookProblem is not null) return ExitNoPdf;
        return results.Any(r => r.NotOnThisEngine) ? ExitNotOnThisEngine : 0;
    }

    /// <summary>The course book's file name (without .pdf), in the output folder beside the notebooks' own PDFs.</summary>
    public const string BookName = "course-book";

    /// <summary>Every notebook that ran, in order, printed into one PDF; the reason when it could not be made.</summary>
    private static async Task<string?> WriteBookAsync(PdfPrinter printer, IReadOnlyList<NotebookDocument> documents, IReadOnlyList<NotebookRunResult> results, string outputDirectory, ConsoleStreams streams)
    {
        var path = Path.Combine(outputDirectory, BookName + ".pdf");
        try
        {
            await printer.PrintPageAsync(HtmlExporter.ExportBook("Course book", documents, results), path).ConfigureAwait(false);
            streams.Out.WriteLine($"Course book ({documents.Count} notebook{(documents.Count == 1 ? "" : "s")}): {path}");
            return null;
        }
        catch (PdfException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not write {path}: {e.Message}";
        }
    }

    /// <summary>
    /// The learning path's page beside the lessons' pages, when a run covers a course (two notebooks or more): every
    /// lesson given, in order, with this run's result (a lesson the run did not reach says so). The reason when it
    /// could not be written.
    /// </summary>
    private static string? WriteIndex(IReadOnlyList<PreparedNotebook> prepared, IReadOnlyList<NotebookRunResult> results, string outputDirectory, ConsoleStreams streams)
    {
        var path = Path.Combine(outputDirectory, CourseIndex.FileName + ".html");
        var entries = prepared.Select((n, i) => CourseIndex.EntryFor(n.Document, i < results.Count ? results[i] : null, n.Document.Name + ".html")).ToList();
        try
        {
            AtomicFile.WriteAllText(path, HtmlExporter.ExportIndex("Docker networking, hands on", entries));
            streams.Out.WriteLine($"Index of the {entries.Count} lessons: {path}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not write {path}: {e.Message}";
        }
    }

    internal static IReadOnlySet<OutputFormat> ParseFormats(string list)
    {
        var formats = new HashSet<OutputFormat>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            formats.Add(item.ToLowerInvariant() switch
            {
                "ipynb" => OutputFormat.Ipynb,
                "html" => OutputFormat.Html,
                "pdf" => OutputFormat.Pdf,
                _ => throw new UsageException($"--format {item}: unknown format; use ipynb, html, pdf or several (ipynb,html,pdf)."),
            });
        }
        if (formats.Count == 0) throw new UsageException("--format is empty; use ipynb, html, pdf or several (ipynb,html,pdf).");
        return formats;
    }

    internal static IReadOnlyList<string> ExpandInputs(IEnumerable<string> inputs)
    {
        var paths = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, "*.ipynb").OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new UsageException($"{input} holds no .ipynb notebook.");
                paths.AddRange(found);
            }
            else if (File.Exists(input))
                paths.Add(input);
            else
                throw new UsageException($"{input}: no such notebook or folder.");
        }
        return paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    private static void CheckOutputs(IReadOnlyList<PreparedNotebook> notebooks, RunSettings settings)
    {
        var duplicate = notebooks.GroupBy(n => n.Document.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new UsageException($"two notebooks are named {duplicate.Key}.ipynb ({string.Join(", ", duplicate.Select(d => d.SourcePath))}); their outputs would overwrite each other. Run them separately with different --output folders.");
        foreach (var notebook in notebooks)
        {
            var target = Path.Combine(settings.OutputDirectory, notebook.Document.Name + ".ipynb");
            if (settings.Formats.Contains(OutputFormat.Ipynb) && string.Equals(Path.GetFullPath(target), notebook.SourcePath, StringComparison.Ordinal))
                throw new UsageException($"--output {settings.OutputDirectory} would overwrite the source notebook {notebook.SourcePath}; choose another folder.");
        }
        var bytesNeeded = notebooks.Count * ((settings.Formats.Contains(OutputFormat.Html) ? OutputFolder.BytesPerHtml : 0)
                                             + (settings.Formats.Contains(OutputFormat.Ipynb) ? OutputFolder.BytesPerIpynb : 0)
                                             + (settings.Formats.Contains(OutputFormat.Pdf) ? OutputFolder.BytesPerPdf : 0));
        OutputFolder.EnsureWritable(settings.OutputDirectory, bytesNeeded);
    }
}

/// <summary>A mistake on the command line: reported in one line, exit code 2, nothing runs.</summary>
public sealed class UsageException(string message) : Exception(message);
