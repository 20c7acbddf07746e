using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// The lessons' notebooks, known by their metadata.courseware.id (never by a file-name prefix, so renumbering or
/// splitting a lesson does not silently retarget a test), and what a cell of an executed one shows.
/// </summary>
public static class LessonNotebook
{
    public static string Directory { get; } = Path.Combine(Paths.RepoRoot, "notebooks");

    /// <summary>What a lesson's metadata.courseware.requires says when its cluster needs a rootful Linux engine.</summary>
    public const string RootfulLinux = "rootful-linux";

    /// <summary>What requires says when a lesson runs on any engine but wires its LAN neighbour only on a rootful Linux one.</summary>
    public const string LanNeighbour = "lan-neighbour";

    /// <summary>The id of the cell that creates a lesson's cluster: where a lesson needing a rootful Linux engine stops on another.</summary>
    public const string ClusterCell = "create-cluster";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> FilesById = new(() =>
        System.IO.Directory.GetFiles(Directory, "*.ipynb").Order(StringComparer.Ordinal).ToDictionary(IdIn, p => p));

    private static string IdIn(string path) => (string?)new ExecutedNotebook(path).Courseware["id"]
        ?? throw new Xunit.Sdk.XunitException($"{path} has no metadata.courseware.id");

    /// <summary>Every lesson's id, in the order of its file name (the order a learner takes them).</summary>
    public static IEnumerable<object[]> All() => FilesById.Value.Keys.Select(id => new object[] { id });

    public static string PathOf(string id) => FilesById.Value.TryGetValue(id, out var path) ? path
        : throw new Xunit.Sdk.XunitException($"no notebook in {Directory} has metadata.courseware.id '{id}'");

    /// <summary>The lesson's file name, as `courseware run` and `courseware student` name it in what they print and write.</summary>
    public static string FileOf(string id) => Path.GetFileName(PathOf(id));

    /// <summary>The committed lesson, read as JSON.</summary>
    public static ExecutedNotebook Load(string id) => new(PathOf(id));

    /// <summary>
    /// This engine meets what the lesson's metadata requires. A lesson that needs a rootful Linux engine (its
    /// cluster's nodes must be reachable from the host) stops at its cluster cell on a rootless one and says why.
    /// </summary>
    public static bool RunsOnThisEngine(string id) => !(Load(id).Requires.Contains(RootfulLinux) && Prerequisites.EngineIsRootless);

    /// <summary>The lesson draws charts (a cell calls <c>Charts.</c>): not every lesson has a picture to draw.</summary>
    public static bool DrawsCharts(string id) =>
        Load(id).CodeCells.Any(c => ExecutedNotebook.Source(c).Contains("Charts.", StringComparison.Ordinal));

    /// <summary>Everything a person reads in a cell's outputs: text/plain of every bundle plus the streams.</summary>
    public static string Text(JsonObject cell) => string.Concat(ExecutedNotebook.Outputs(cell).Select(o =>
        (string?)o["output_type"] == "stream" ? ExecutedNotebook.Join(o["text"]) : ExecutedNotebook.Join(o["data"]?["text/plain"]) + "\n"));

    /// <summary>What the cell with this id showed.</summary>
    public static string Text(ExecutedNotebook notebook, string cellId) => Text(notebook.Cell(cellId));

    public static IReadOnlyList<JsonObject> Bundles(JsonObject cell, string mimeType) =>
        ExecutedNotebook.Outputs(cell).Select(o => o["data"]?[mimeType]).OfType<JsonObject>().ToList();

    /// <summary>The one Plotly figure the cell with this id drew.</summary>
    public static JsonObject Figure(ExecutedNotebook notebook, string cellId) =>
        Assert.Single(Bundles(notebook.Cell(cellId), MimeTypes.Plotly));
}
