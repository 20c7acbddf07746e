using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Courseware.Lab;

namespace Courseware.Cli.Figures;

/// <summary>
/// Lesson 01's figures from a real run: build exercise4, <c>docker run -dit -p 8080:80</c>, then what
/// <c>docker ps</c> and <c>docker inspect</c> show. Everything it starts is removed afterwards.
/// </summary>
public static class LessonFigures
{
    public static async Task<IReadOnlyList<string>> GenerateAsync(string repositoryRoot, string outputDirectory, int hostPort, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        await using var lab = await DockerLab.ConnectAsync("figures", cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await lab.BuildAsync("exercise4", Path.Combine(repositoryRoot, "exercise4"), cancellationToken: cancellationToken).ConfigureAwait(false);
            var web = await lab.RunAsync("exercise4", new RunOptions { Name = "exercise4", Publish = [$"{hostPort}:80"], Interactive = true }, cancellationToken).ConfigureAwait(false);
            await lab.WaitForHttpAsync(web, cancellationToken: cancellationToken).ConfigureAwait(false);
            // A moment of uptime, so STATUS reads like the lesson's "Up 2 seconds" rather than "Less than a second".
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);

            var ps = await lab.PsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var details = await lab.InspectAsync("exercise4", cancellationToken).ConfigureAwait(false);
            var psPng = Path.Combine(outputDirectory, "ps.png");
            var inspectPng = Path.Combine(outputDirectory, "inspect.png");
            await TerminalFigure.RenderAsync("docker ps", PsTable(ps), psPng, cancellationToken).ConfigureAwait(false);
            await TerminalFigure.RenderAsync($"docker inspect {details.ShortId}", InspectExcerpt(details.RawJson), inspectPng, cancellationToken).ConfigureAwait(false);
            return [psPng, inspectPng];
        }
        finally
        {
            await lab.CleanAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>docker ps's table: columns padded to the widest cell plus three spaces.</summary>
    public static string PsTable(IReadOnlyList<PsRow> rows)
    {
        string[] header = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"];
        var cells = rows.Select(r => new[] { r.ShortId, r.Image, r.Command, Ago(r.Created), r.Status, r.PortsText, r.Names }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells.Prepend(header))
            text.AppendLine(string.Join("   ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        return text.ToString();
    }

    private static string Ago(DateTimeOffset created)
    {
        var seconds = Math.Max(1, (int)(DateTimeOffset.UtcNow - created).TotalSeconds);
        return seconds < 60 ? $"{seconds} seconds ago" : $"{seconds / 60} minutes ago";
    }

    /// <summary>The part of docker inspect the lesson points at: ports and the per-network IP address; the rest elided.</summary>
    public static string InspectExcerpt(string rawJson)
    {
        // docker inspect prints an array with one object per argument.
        var parsed = JsonNode.Parse(rawJson)!;
        var root = (parsed is JsonArray array ? array[0]! : parsed).AsObject();
        var settings = root["NetworkSettings"]?.AsObject();
        var excerpt = new JsonObject
        {
            ["Id"] = root["Id"]?.DeepClone(),
            ["Created"] = root["Created"]?.DeepClone(),
            ["State"] = new JsonObject { ["Status"] = root["State"]?["Status"]?.DeepClone(), ["Running"] = root["State"]?["Running"]?.DeepClone() },
            ["Name"] = root["Name"]?.DeepClone(),
            ["NetworkSettings"] = new JsonObject
            {
                ["Ports"] = settings?["Ports"]?.DeepClone(),
                ["Networks"] = settings?["Networks"] is JsonObject networks
                    ? new JsonObject(networks.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)new JsonObject
                    {
                        ["Gateway"] = n.Value?["Gateway"]?.DeepClone(),
                        ["IPAddress"] = n.Value?["IPAddress"]?.DeepClone(),
                        ["IPPrefixLen"] = n.Value?["IPPrefixLen"]?.DeepClone(),
                        ["MacAddress"] = n.Value?["MacAddress"]?.DeepClone(),
                    })))
                    : null,
            },
        };
        var json = new JsonArray(excerpt).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        // Mark where docker inspect prints more than the excerpt shows.
        json = System.Text.RegularExpressions.Regex.Replace(json, "^( *)\"Created\"", "$1…\n$1\"Created\"", System.Text.RegularExpressions.RegexOptions.Multiline);
        json = System.Text.RegularExpressions.Regex.Replace(json, "^( *)\"NetworkSettings\": \\{", "$1…\n$1\"NetworkSettings\": {\n$1  …", System.Text.RegularExpressions.RegexOptions.Multiline);
        return json + "\n";
    }
}
