using System.Net;
using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// The CLI twin is what runs: every docker command a cell's cards show (docker run, docker exec, ping) must be one the
/// cell's comment names, with the same flags and values (in any order; a &lt;placeholder&gt; in the comment stands for
/// one value, such as an IP address the engine hands out).
/// </summary>
[Collection("lessons")]
public sealed partial class LessonCliTwinTests
{
    [GeneratedRegex(@"<code>((?:docker (?:run|exec)|ping) [^<]*)</code>")]
    private static partial Regex ShownCommand();

    [GeneratedRegex(@"//.*?\b((?:docker (?:-H \S+ )?(?:run|exec)|ping) .*)")]
    private static partial Regex CommentCommand();

    /// <summary>
    /// Per lesson, how many commands its cards show at least. Lesson 07 reads the run Lesson07MultiHostTests shares
    /// (no run of its own), where this engine can host its nodes.
    /// </summary>
    private static readonly Dictionary<string, int> CardsPerLesson = new()
    {
        ["exposing-ports"] = 10,
        ["container-to-host"] = 5,
        ["container-to-container"] = 10,
        ["names-and-dns"] = 8,
        ["multi-host-networking"] = 4,
    };

    public static IEnumerable<object[]> Lessons() =>
        CardsPerLesson.Where(l => LessonNotebook.RunsOnThisEngine(l.Key)).Select(l => new object[] { l.Key, l.Value });

    [DockerTheory]
    [MemberData(nameof(Lessons))]
    public async Task Every_command_a_card_shows_is_the_one_its_cell_comment_names(string name, int cards)
    {
        var lesson = await LessonRuns.DefaultAsync(name);
        var wrong = new List<string>();
        var checkedCount = 0;
        foreach (var cell in lesson.CodeCells)
        {
            var comments = ExecutedNotebook.Source(cell).Split('\n')
                .Select(l => CommentCommand().Match(l)).Where(m => m.Success)
                // A comment may chain commands (&&, ;) or add a note after two spaces, "(" or "→".
                .SelectMany(m => Regex.Split(m.Groups[1].Value, @"\s&&\s|;\s*|\s{2,}|\s\(|\s→"))
                .Where(s => s.StartsWith("docker ", StringComparison.Ordinal) || s.StartsWith("ping ", StringComparison.Ordinal))
                // A command on one of lesson 07's nodes (docker -H tcp://NODE:2375 …): its card is that node's, without the -H.
                .Select(s => Regex.Replace(s, @"^docker -H \S+ ", "docker "))
                .ToList();
            var html = string.Concat(ExecutedNotebook.Outputs(cell).Select(o => ExecutedNotebook.Join(o["data"]?["text/html"])));
            foreach (Match shown in ShownCommand().Matches(html))
            {
                var command = WebUtility.HtmlDecode(shown.Groups[1].Value);
                checkedCount++;
                if (!comments.Any(c => SameCommand(c, command)))
                    wrong.Add($"{ExecutedNotebook.Source(cell).Split('\n')[0]}\n    runs:    {command}\n    comment: {string.Join(" | ", comments)}");
            }
        }
        Assert.True(checkedCount >= cards, $"only {checkedCount} commands were shown by cards");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Same words in any order; a comment word with a &lt;placeholder&gt; matches any word of that shape.</summary>
    internal static bool SameCommand(string comment, string shown)
    {
        var expected = Regex.Replace(comment.Trim(), @"<[^>]*>", "\u0001").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)).ToList();
        var actual = shown.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)).ToList();
        if (expected.Count != actual.Count) return false;
        foreach (var word in expected.OrderBy(w => w.Contains('\u0001')))
        {
            var pattern = new Regex("^" + Regex.Escape(word).Replace("\u0001", ".+", StringComparison.Ordinal) + "$");
            var i = actual.FindIndex(pattern.IsMatch);
            if (i < 0) return false;
            actual.RemoveAt(i);
        }
        return true;
    }

    [Theory]
    [InlineData("docker run -d -p 8080:80 --name clash exercise4", "docker run -d --name clash -p 8080:80 exercise4", true)]
    [InlineData("docker run -d -p 8080:80 --name clash exercise4", "docker run -dit --name clash -p 8080:80 exercise4", false)]
    [InlineData("docker exec client-default ping -c 3 -i 0.2 -W 1 <IP of web-default>", "docker exec client-default ping -c 3 -i 0.2 -W 1 172.17.0.2", true)]
    [InlineData("docker exec client-default ping -c 3 <IP of web-default>", "docker exec client-default ping -c 3 -i 0.2 -W 1 172.17.0.2", false)]
    [InlineData("docker run -d -p <bindAddress>:<hostPort+1>:<containerPort/protocol> --name my-mapping exercise4", "docker run -d --name my-mapping -p 0.0.0.0:8081:80 exercise4", true)]
    public void Comparison_is_by_words_with_placeholders(string comment, string shown, bool same) =>
        Assert.Equal(same, SameCommand(comment, shown));
}
