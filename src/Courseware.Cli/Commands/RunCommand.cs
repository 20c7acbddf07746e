using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Courseware.Cli.Execution;
using Courseware.Cli.Notebooks;
using Courseware.Cli.Reporting;

namespace Courseware.Cli.Commands;

/// <summary><c>courseware run</c>: papermill, nbmake and nbconvert for the lessons, in one.</summary>
public static class RunCommand
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    /// <summary>Nothing failed, but a notebook stopped where this engine cannot follow (a rootless engine and lesson 03's cluster).</summary>
    public const int ExitNotOnThisEngine = 3;
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
            Description = "Folder for the executed notebooks (<name>.ipynb) and pages (<name>.html).",
            HelpName = "DIR",
            DefaultValueFactory = _ => Path.Combine("artifacts", "notebooks"),
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "What to write, comma-separated: ipynb, html.",
            HelpName = "FORMATS",
            DefaultValueFactory = _ => "ipynb,html",
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
        var keepGoing = new Option<bool>("--keep-going")
        {
            Description = "Run the remaining cells after a failing cell (the notebook still fails).",
        };
        var command = new Command("run", "Runs notebooks top to bottom in a fresh C# kernel each and writes the executed notebooks.")
        {
            notebooks, output, format, parameters, cellTimeout, keepGoing,
        };
        command.SetAction((parse, _) => RunAsync(streams,
            parse.GetValue(notebooks) ?? [],
            parse.GetValue(output)!,
            parse.GetValue(format)!,
            parse.GetValue(parameters) ?? [],
            parse.GetValue(cellTimeout),
            parse.GetValue(keepGoing)));
        return command;
    }

    private static async Task<int> RunAsync(ConsoleStreams streams, string[] inputs, string outputDirectory, string formatList, string[] parameterArgs, double? timeoutSeconds, bool keepGoing)
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
                reporter.Error("Interrupted: cancelling the running cell, then cleaning up (Ctrl+C again to stop at once).");
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
        try
        {
            var formats = ParseFormats(formatList);
            if (timeoutSeconds is < 0) throw new UsageException("--cell-timeout must be a number of seconds, 0 for no limit.");
            var timeout = timeoutSeconds is > 0 ? TimeSpan.FromSeconds(timeoutSeconds.Value) : (TimeSpan?)null;
            var parameters = ParameterInjector.ParseAssignments(parameterArgs);
            settings = new RunSettings(Path.GetFullPath(outputDirectory), formats, parameters, timeout, keepGoing);
            var paths = ExpandInputs(inputs);
            prepared = paths.Select(p => NotebookRunner.Prepare(p, parameters)).ToList();
            CheckOutputs(prepared, settings);
        }
        catch (Exception e) when (e is UsageException or ParameterException or NotebookFormatException)
        {
            reporter.Error($"courseware run: {e.Message}");
            return ExitUsage;
        }

        if (interrupt.IsCancellationRequested)
        {
            Console.CancelKeyPress -= onCancelKey;
            return ExitInterrupted;
        }

        var stopwatch = Stopwatch.StartNew();
        var results = new List<NotebookRunResult>();
        try
        {
            var runner = new NotebookRunner(settings, reporter);
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
        reporter.Summary(results, prepared.Count, stopwatch.Elapsed);
        if (interrupt.IsCancellationRequested) return ExitInterrupted;
        if (results.Count != prepared.Count || results.Any(r => !r.Succeeded && !r.NotOnThisEngine)) return ExitFailed;
        return results.Any(r => r.NotOnThisEngine) ? ExitNotOnThisEngine : 0;
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
                _ => throw new UsageException($"--format {item}: unknown format; use ipynb, html or both (ipynb,html)."),
            });
        }
        if (formats.Count == 0) throw new UsageException("--format is empty; use ipynb, html or both (ipynb,html).");
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
                                             + (settings.Formats.Contains(OutputFormat.Ipynb) ? OutputFolder.BytesPerIpynb : 0));
        OutputFolder.EnsureWritable(settings.OutputDirectory, bytesNeeded);
    }
}

/// <summary>A mistake on the command line: reported in one line, exit code 2, nothing runs.</summary>
public sealed class UsageException(string message) : Exception(message);
