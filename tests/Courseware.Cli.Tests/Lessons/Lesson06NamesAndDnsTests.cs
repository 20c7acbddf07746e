using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using Courseware.Lab;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

/// <summary>
/// Lesson 06's round robin and names per network, measured on the lesson's one `courseware run`: both addresses in
/// every answer, each of them first at least once, and each network answering with its own containers.
/// </summary>
[Collection("lessons")]
public sealed class Lesson06NamesAndDnsTests
{
    private static string Ip(string text, string pattern) => Regex.Match(text, pattern).Groups[1].Value is { Length: > 0 } ip ? ip
        : throw new Xunit.Sdk.XunitException($"no match for {pattern} in:\n{text}");

    [DockerFact]
    public async Task One_alias_over_two_containers_is_answered_round_robin_and_each_network_answers_with_its_own()
    {
        var lesson = await LessonRuns.DefaultAsync("names-and-dns");

        var started = Text(lesson, "dns-api-run");
        var api1 = Ip(started, @"dns-api-1 is (\d+\.\d+\.\d+\.\d+)");
        var api2 = Ip(started, @"dns-api-2 is (\d+\.\d+\.\d+\.\d+)");
        var both = $@"api → ({Regex.Escape(api1)}, {Regex.Escape(api2)}|{Regex.Escape(api2)}, {Regex.Escape(api1)})";
        Assert.Matches(both + @" \(from dns-client\)", Text(lesson, "dns-round-robin"));
        var figure = Assert.Single(Bundles(lesson.Cell("dns-round-robin"), MimeTypes.Plotly));
        var data = figure["data"]!.AsArray();
        Assert.Equal(new[] { api1, api2 }.Order(StringComparer.Ordinal), data[0]!["x"]!.AsArray().Select(v => (string)v!));
        var first = data[0]!["y"]!.AsArray().Select(v => (int)v!).ToList();
        var later = data[1]!["y"]!.AsArray().Select(v => (int)v!).ToList();
        Assert.Equal(20, first.Sum());
        Assert.All(first.Zip(later), p => Assert.Equal(20, p.First + p.Second));
        Assert.All(first, count => Assert.InRange(count, 1, 19));

        var scoped = Text(lesson, "dns-scoped");
        var staging = Ip(Text(lesson, "dns-scoped-setup"), @"dns-api-staging is (\d+\.\d+\.\d+\.\d+)");
        Assert.Matches(both + @" \(from dns-client\)", scoped);
        Assert.Contains($"api → {staging} (from dns-client-staging)", scoped);
    }
}
