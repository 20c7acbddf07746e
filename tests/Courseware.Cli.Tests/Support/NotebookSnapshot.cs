using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courseware.Cli.Notebooks;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// An executed notebook as stable text, for an approval test (<c>Approvals.Verify(snapshot.Of(notebook))</c>) in place
/// of many <c>Contains</c> over its JSON: the notebook's format and score, then per cell its id, type, execution count
/// and tags, and per output its type, its mime types and its text with what changes from run to run replaced
/// (<see cref="Normalise"/>). Cell ids are kept as they are: the runner keeps or derives them stably, and tests find
/// cells by them, so a changed id is a change to review.
/// </summary>
/// <remarks>
/// Where the engine shapes a cell's output (its version, rootful or rootless), <see cref="StructureOnly"/> keeps that
/// cell's output types and mime types and leaves its text out, so one approved file holds on every CI leg. A bundle's
/// text is its text/plain, or its HTML when that is all it has; the cards' HTML has its own snapshots, and a chart's
/// figure its own tests.
/// </remarks>
public sealed partial class NotebookSnapshot
{
    private readonly List<(string Value, string Placeholder)> _known = [(Paths.RepoRoot, "<repo>")];
    private readonly HashSet<string> _structureOnly = new(StringComparer.Ordinal);

    /// <summary>Replaces a value the test knows is this run's own (an output folder, a name made from a pid) before anything else.</summary>
    public NotebookSnapshot Replacing(string value, string placeholder)
    {
        _known.Add((value, placeholder));
        return this;
    }

    /// <summary>These cells' outputs are snapshotted as output types and mime types only: the engine changes their text.</summary>
    public NotebookSnapshot StructureOnly(params string[] cellIds)
    {
        _structureOnly.UnionWith(cellIds);
        return this;
    }

    public string Of(ExecutedNotebook notebook)
    {
        var text = new StringBuilder();
        var root = notebook.Root;
        text.Append(CultureInfo.InvariantCulture, $"nbformat {(int?)root["nbformat"]}.{(int?)root["nbformat_minor"]}, kernelspec {(string?)root["metadata"]?["kernelspec"]?["name"]}, ");
        text.Append(CultureInfo.InvariantCulture, $"default kernel {(string?)root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]}\n");
        if (root["metadata"]?["courseware"] is JsonObject courseware)
            AppendScore(text, courseware);
        foreach (var cell in notebook.Cells)
            AppendCell(text, cell);
        return text.ToString();
    }

    private void AppendScore(StringBuilder text, JsonObject courseware)
    {
        if (courseware["checks"] is JsonObject checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"checks {(int?)checks["passed"]}/{(int?)checks["total"]} passed, {(int?)checks["notApplicable"] ?? 0} not applicable\n");
            foreach (var result in checks["results"]?.AsArray() ?? [])
                text.Append(CultureInfo.InvariantCulture, $"  {((bool?)result?["passed"] == true ? "✓" : "✗")} {(string?)result?["title"]}: {Clean((string?)result?["message"] ?? "")}\n");
        }
        if (courseware["predictions"] is JsonObject predictions)
            text.Append(CultureInfo.InvariantCulture, $"predictions {predictions.ToJsonString()}\n");
    }

    private void AppendCell(StringBuilder text, JsonObject cell)
    {
        var type = (string?)cell["cell_type"];
        var tags = ExecutedNotebook.Tags(cell);
        text.Append(CultureInfo.InvariantCulture, $"\n[{ExecutedNotebook.Id(cell)}] {type}");
        if (type == "code") text.Append(CultureInfo.InvariantCulture, $" #{ExecutedNotebook.ExecutionCount(cell)?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        if (tags.Count > 0) text.Append(CultureInfo.InvariantCulture, $" tags: {string.Join(", ", tags)}");
        text.Append('\n');
        if (type != "code") return;
        // The run wrote this cell itself: its code is part of what the run produced.
        if (tags.Contains(NotebookCell.InjectedParametersTag))
            AppendBlock(text, "source", ExecutedNotebook.Source(cell));
        var structureOnly = _structureOnly.Contains(ExecutedNotebook.Id(cell) ?? "");
        foreach (var output in ExecutedNotebook.Outputs(cell))
            AppendOutput(text, output, structureOnly);
    }

    private void AppendOutput(StringBuilder text, JsonObject output, bool structureOnly)
    {
        var kind = (string?)output["output_type"];
        switch (kind)
        {
            case "stream":
                text.Append(CultureInfo.InvariantCulture, $"  stream {(string?)output["name"]}\n");
                if (!structureOnly) AppendBlock(text, null, ExecutedNotebook.Join(output["text"]));
                break;
            case "error":
                text.Append(CultureInfo.InvariantCulture, $"  error {(string?)output["ename"]}\n");
                if (!structureOnly)
                {
                    AppendBlock(text, "evalue", (string?)output["evalue"] ?? "");
                    AppendBlock(text, "traceback", string.Join("\n", output["traceback"]?.AsArray().Select(l => (string?)l) ?? []));
                }
                break;
            default:
                var data = output["data"] as JsonObject ?? [];
                var count = kind == "execute_result" ? $" #{(int?)output["execution_count"]}" : "";
                text.Append(CultureInfo.InvariantCulture, $"  {kind}{count}: {string.Join(", ", data.Select(d => d.Key))}\n");
                if (structureOnly) break;
                if (data["text/plain"] is { } plain) AppendBlock(text, null, ExecutedNotebook.Join(plain));
                else if (data.Count == 1 && data["text/html"] is { } html) AppendBlock(text, "text/html", StyleSheet().Replace(ExecutedNotebook.Join(html), ""));
                break;
        }
    }

    private void AppendBlock(StringBuilder text, string? label, string content)
    {
        if (label is not null) text.Append(CultureInfo.InvariantCulture, $"    {label}:\n");
        foreach (var line in Clean(content).TrimEnd('\n').Split('\n'))
            text.Append(CultureInfo.InvariantCulture, $"    | {line}\n");
    }

    private string Clean(string content)
    {
        foreach (var (value, placeholder) in _known)
            content = content.Replace(value, placeholder, StringComparison.Ordinal);
        return Normalise(content);
    }

    /// <summary>
    /// Text with what differs between runs and CI legs replaced: ids and digests, MAC and container addresses (0.0.0.0
    /// and 127.x stay: they are what the lessons teach), ports Docker chose (32768 and up), times, ages, durations,
    /// versions, session ids and the kernel's submission numbers.
    /// </summary>
    public static string Normalise(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = Digest().Replace(text, "sha256:<digest>");
        text = LongId().Replace(text, "<id>");
        text = Mac().Replace(text, "<mac>");
        text = Timestamp().Replace(text, "<time>");
        text = Clock().Replace(text, "<time>");
        text = Ago().Replace(text, "<ago>");
        text = Uptime().Replace(text, "Up <uptime>");
        text = Duration().Replace(text, "<duration>");
        text = Ipv4().Replace(text, m => m.Value == "0.0.0.0" || m.Value.StartsWith("127.", StringComparison.Ordinal) ? m.Value : "<ip>");
        text = Ipv6().Replace(text, "<ipv6>");
        text = ChosenPort().Replace(text, m => int.Parse(m.Value, CultureInfo.InvariantCulture) >= 32768 ? "<port>" : m.Value);
        text = ApiVersion().Replace(text, "API <version>");
        text = Version().Replace(text, "<version>");
        text = text.Replace("@" + Environment.MachineName + ":", "@<host>:", StringComparison.Ordinal);
        text = SessionPid().Replace(text, "@<host>:<pid>");
        text = Submission().Replace(text, "Submission#<n>");
        return text;
    }

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleSheet();

    [GeneratedRegex("sha256:[0-9a-f]{64}")]
    private static partial Regex Digest();

    // Container, image and network ids, whole or short.
    [GeneratedRegex(@"\b(?:[0-9a-f]{64}|[0-9a-f]{12})\b")]
    private static partial Regex LongId();

    [GeneratedRegex(@"\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\b")]
    private static partial Regex Mac();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|\s?[+-]\d{2}:?\d{2})?(?: UTC)?)?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b")]
    private static partial Regex Clock();

    [GeneratedRegex(@"\b(?:\d+|an?|About an?|Less than a) (?:second|minute|hour|day|week|month|year)s? ago\b")]
    private static partial Regex Ago();

    [GeneratedRegex(@"\bUp (?:\d+|an?|About an?|Less than a(?:n)?) (?:second|minute|hour|day|week|month|year)s?\b")]
    private static partial Regex Uptime();

    // "0.42 s", "12ms", "rtt 0.05/0.07/0.10 ms".
    [GeneratedRegex(@"\b\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)*\s?(?:ns|µs|us|ms|s)\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b")]
    private static partial Regex Ipv4();

    // Link-local, unique-local and global IPv6 addresses; "::" and "::1" stay.
    [GeneratedRegex(@"\b(?:fe80|f[cd][0-9a-f]{0,2}|2[0-9a-f]{3})(?=[0-9a-f:]*::|(?:[0-9a-f]*:){3})[0-9a-f:]*[0-9a-f]\b")]
    private static partial Regex Ipv6();

    // A port after an address or the word port: from 32768 up, Docker chose it.
    [GeneratedRegex(@"(?<=(?::|\bport )\s?)\d{5}\b")]
    private static partial Regex ChosenPort();

    [GeneratedRegex(@"\bAPI \d+\.\d+\b")]
    private static partial Regex ApiVersion();

    // Three parts, not four: 0.0.0.0 and 127.0.0.1 are addresses.
    [GeneratedRegex(@"(?<![\w.])\d+\.\d+\.\d+(?!\d|\.\d)(?:[-+~][0-9A-Za-z.+~-]*[0-9A-Za-z])?")]
    private static partial Regex Version();

    [GeneratedRegex(@"@<host>:\d+\b")]
    private static partial Regex SessionPid();

    [GeneratedRegex(@"Submission#\d+")]
    private static partial Regex Submission();
}
