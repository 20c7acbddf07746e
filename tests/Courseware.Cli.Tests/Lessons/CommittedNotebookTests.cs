using Courseware.Cli.Notebooks;
using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>The notebooks as committed: clean, valid, and ready to open in VS Code as C# notebooks.</summary>
public sealed class CommittedNotebookTests
{
    [Fact]
    public void Every_lesson_is_there_with_its_id_and_what_it_requires()
    {
        Assert.Equal(["exposing-ports", "container-to-host", "who-can-reach-your-ports", "under-the-hood", "container-to-container", "names-and-dns", "multi-host-networking"], LessonNotebook.All().Select(a => (string)a[0]));
        Assert.Equal(["01-exposing-ports.ipynb", "02-container-to-host.ipynb", "03-who-can-reach-your-ports.ipynb", "04-under-the-hood.ipynb", "05-container-to-container.ipynb", "06-names-and-dns.ipynb", "07-multi-host-networking.ipynb"],
            LessonNotebook.All().Select(a => LessonNotebook.FileOf((string)a[0])));
        // Only the multi-host lesson needs a rootful Linux engine, and it says so in its metadata (read by the tests);
        // lessons 03, 04 and 05 run anywhere, but their LAN neighbour needs one (read by the index page).
        Assert.Equal([[], [], [LessonNotebook.LanNeighbour], [LessonNotebook.LanNeighbour], [LessonNotebook.LanNeighbour], [], [LessonNotebook.RootfulLinux]], LessonNotebook.All().Select(a => LessonNotebook.Load((string)a[0]).Requires));
        // The index page says what each needs, in a learner's words.
        Assert.Equal("a rootful Linux engine for its LAN neighbour (on others it runs, and says what the neighbour would show)",
            Courseware.Cli.Export.CourseIndex.EntryFor(NotebookDocument.Load(LessonNotebook.PathOf("who-can-reach-your-ports")), null, "03.html").Needs);
        // Its cluster cell, where it stops on another engine, is found by id.
        Assert.Contains("docker.Cluster.CreateAsync", ExecutedNotebook.Source(LessonNotebook.Load("multi-host-networking").Cell(LessonNotebook.ClusterCell)));
    }

    [Theory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public void Committed_notebooks_carry_no_outputs(string name)
    {
        foreach (var cell in LessonNotebook.Load(name).CodeCells)
        {
            Assert.True(cell["outputs"]!.AsArray().Count == 0, $"{name}: a cell has outputs: {ExecutedNotebook.Source(cell)[..40]}");
            Assert.Null(cell["execution_count"]?.GetValue<int?>());
        }
    }

    [Theory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public void Notebooks_are_nbformat_4_5_csharp_polyglot_notebooks(string name)
    {
        var root = LessonNotebook.Load(name).Root;
        Assert.Equal(4, (int)root["nbformat"]!);
        Assert.Equal(5, (int)root["nbformat_minor"]!);
        Assert.Equal(".net-csharp", (string?)root["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        // Polyglot's name, and Jupyter's standard fields for nbconvert and the tools built on it.
        var languageInfo = root["metadata"]!["language_info"]!;
        Assert.Equal(("polyglot-notebook", "csharp", ".cs", "text/x-csharp"),
            ((string?)languageInfo["name"], (string?)languageInfo["pygments_lexer"], (string?)languageInfo["file_extension"], (string?)languageInfo["mimetype"]));
        var ids = LessonNotebook.Load(name).Cells.Select(ExecutedNotebook.Id).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(LessonNotebook.Load(name).CodeCells,
            c => Assert.Equal("csharp", (string?)c["metadata"]!["polyglot_notebook"]!["kernelName"]));
    }

    [Theory]
    [MemberData(nameof(LessonNotebook.All), MemberType = typeof(LessonNotebook))]
    public void Each_lesson_loads_the_library_first_shows_the_cli_in_every_cell_and_cleans_up_last(string name)
    {
        var code = LessonNotebook.Load(name).CodeCells.Select(ExecutedNotebook.Source).ToList();
        Assert.Contains("#r \"../build/lab/Courseware.Lab.Interactive.dll\"", code[0]);
        Assert.Contains("DockerLab.ConnectAsync(", code[0]);
        // The path the first cell loads exists once the solution is built (this test project builds it).
        Assert.True(File.Exists(Path.Combine(LessonNotebook.Directory, "../build/lab/Courseware.Lab.Interactive.dll")));
        Assert.All(code, source => Assert.StartsWith("//", source));
        Assert.Contains("await docker.CleanAsync()", code[^1]);
    }

    [Fact]
    public void Lesson_01_has_the_parameters_the_experiments_use_the_figures_it_shows_and_the_dockerfile_as_it_is()
    {
        var lesson = LessonNotebook.Load("exposing-ports");
        // The connect cell holds the parameters too (the runner injects --param values right after it).
        var parameters = Assert.Single(lesson.Tagged(NotebookCell.ParametersTag));
        Assert.Equal("connect", ExecutedNotebook.Id(parameters));
        foreach (var declaration in new[] { "int hostPort = 8080;", "int containerPort = 80;", "string bindAddress = \"0.0.0.0\";", "string protocol = \"tcp\";" })
            Assert.Contains(declaration, ExecutedNotebook.Source(parameters));
        var prose = lesson.Prose;
        foreach (var figure in new[] { "../images/ps.png", "../images/inspect.png" })
        {
            Assert.Contains($"]({figure})", prose);
            Assert.True(File.Exists(Path.Combine(LessonNotebook.Directory, figure)), figure);
        }
        // The figures are this project's capture, and the prose says so.
        Assert.Contains("this project's own capture", prose);
        // The source lesson's run command lacked the image; the lesson must teach the full command.
        Assert.Contains("docker run -dit -p 8080:80 --name exercise4 exercise4", prose);
        Assert.Contains("NetworkSettings.Networks", prose);
        // The Dockerfile the prose shows is exercise4's, without its comments.
        var dockerfile = File.ReadAllLines(Path.Combine(Paths.RepoRoot, "exercise4", "Dockerfile")).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Contains("```dockerfile\n" + string.Join("\n", dockerfile) + "\n```", prose);
        Assert.InRange((int)lesson.Courseware["minutes"]!, 1, 25);
        Assert.Contains("](02-container-to-host.ipynb)", prose);
    }
}
