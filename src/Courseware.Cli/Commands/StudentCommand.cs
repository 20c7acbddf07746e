using System.CommandLine;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Commands;

/// <summary>
/// <c>courseware student</c>: the learner's version of the lessons. Each <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c>
/// region becomes <c>// YOUR CODE HERE</c> and a line that fails clearly; every other cell and character stays as the
/// teacher wrote it, and no outputs are kept. Written to a folder beside <c>notebooks/</c> (e.g. <c>student/</c>), the
/// notebooks run as they are: their <c>#r "../build/lab/..."</c> and <c>../exercise4</c> resolve the same way.
/// </summary>
public static class StudentCommand
{
    public static Command Create(ConsoleStreams streams)
    {
        var notebooks = new Argument<string[]>("NOTEBOOK|DIR")
        {
            Description = "Teacher notebooks; a folder means its *.ipynb files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder for the student notebooks (same file names). Beside notebooks/ (e.g. student/) they run as they are.",
            HelpName = "DIR",
            Required = true,
        };
        var keepExisting = new Option<bool>("--keep-existing")
        {
            Description = "Leave a notebook that is already in the output folder as it is: it is the learner's work (scripts/run-lessons.sh writes learn/ this way).",
        };
        var command = new Command("student", "Writes student versions: solution regions replaced by '// YOUR CODE HERE', outputs cleared.")
        {
            notebooks, output, keepExisting,
        };
        command.SetAction(parse => Run(streams, parse.GetValue(notebooks) ?? [], parse.GetValue(output)!, parse.GetValue(keepExisting)));
        return command;
    }

    private static int Run(ConsoleStreams streams, string[] inputs, string outputDirectory, bool keepExisting)
    {
        var written = new List<(string Path, string Json)>();
        try
        {
            var target = Path.GetFullPath(outputDirectory);
            foreach (var path in RunCommand.ExpandInputs(inputs))
            {
                var destination = Path.Combine(target, Path.GetFileName(path));
                if (string.Equals(destination, path, StringComparison.Ordinal))
                    throw new UsageException($"--output {outputDirectory} would overwrite the teacher notebook {path}; choose another folder (e.g. student/).");
                // A learner's notebook holds their answers and outputs: re-running the set-up must never wipe them.
                if (keepExisting && File.Exists(destination))
                {
                    streams.Out.WriteLine($"{Path.GetFileName(path)}: kept {destination} (already there, maybe with your work); delete it for a fresh copy");
                    continue;
                }
                var document = NotebookDocument.Load(path);
                var regions = 0;
                foreach (var cell in document.Cells.Where(c => c.IsCode))
                {
                    if (SolutionRegions.HasRegion(cell.Source))
                    {
                        try
                        {
                            var (source, count) = SolutionRegions.ToStudent(cell.Source);
                            cell.Source = source;
                            regions += count;
                        }
                        catch (SolutionRegionException e)
                        {
                            throw new UsageException($"{path}, cell {cell.Id}: {e.Message}.");
                        }
                    }
                    cell.ClearExecution();
                }
                written.Add((destination, document.ToJson()));
                streams.Out.WriteLine($"{Path.GetFileName(path)}: {regions} solution region{(regions == 1 ? "" : "s")} replaced → {destination}");
            }
        }
        catch (Exception e) when (e is UsageException or NotebookFormatException)
        {
            streams.Error.WriteLine($"courseware student: {e.Message}");
            return RunCommand.ExitUsage;
        }
        // Nothing is written until every notebook converted: a bad region leaves no half-made student folder.
        foreach (var (path, json) in written)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);
        }
        return 0;
    }
}
