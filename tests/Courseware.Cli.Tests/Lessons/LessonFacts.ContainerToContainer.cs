using System.Text.RegularExpressions;
using Courseware.Cli.Tests.Support;
using static Courseware.Cli.Tests.Lessons.LessonNotebook;

namespace Courseware.Cli.Tests.Lessons;

public static partial class LessonFacts
{
    /// <summary>Lesson 02 resolves names only on a user-defined network, and its networks isolate.</summary>
    public static void Lesson02(ExecutedNotebook lesson)
    {
        Assert.Contains("0% packet loss", Text(lesson, "ping-default-bridge"));
        Assert.Contains("web-default does not resolve from client-default", Text(lesson, "resolve-default-bridge"));
        var names = Text(lesson, "resolve-labnet");
        var webIp = Regex.Match(names, @"web → (\d+\.\d+\.\d+\.\d+) \(from client\)").Groups[1].Value;
        Assert.NotEmpty(webIp);
        Assert.Contains($"site → {webIp} (from client)", names);
        var byName = Text(lesson, "wget-by-name");
        Assert.Contains("exit code 0", byName);
        Assert.Contains("title: Hello from exercise4", byName);
        Assert.Contains($"PING web ({webIp}) from client: 3 transmitted, 3 received, 0% packet loss", byName);

        var isolated = Text(lesson, "resolve-across-networks");
        Assert.Contains("web does not resolve from client-default", isolated);
        Assert.Contains($"PING {webIp} ({webIp}) from client-default: no reply", isolated);
        Assert.Contains($"PING web ({webIp}) from client-default: 2 transmitted, 2 received, 0% packet loss", Text(lesson, "network-connect"));
        Assert.Contains("from client-default: no reply", Text(lesson, "network-disconnect"));
        Assert.Contains("from client: no reply", Text(lesson, "isolation-backend"));
        Assert.Contains("docker0", Text(lesson, "network-host"));
        var none = Text(lesson, "network-none");
        Assert.Contains("inet 127.0.0.1/8", none);
        Assert.DoesNotContain("eth0", none);
        var topology = Figure(lesson, "topology");
        Assert.Contains(webIp, topology.ToJsonString());
        // Every network the lesson made is removed (LessonRuns also checks that nothing labelled is left).
        Assert.Matches(@"Removed \d+ container\(s\), \d+ network\(s\), 1 image\(s\)", Text(lesson, "clean"));
    }
}
