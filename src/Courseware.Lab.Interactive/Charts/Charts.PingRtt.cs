using System.Globalization;
using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>
    /// One box per ping (with every reply as a point), labelled by path, e.g. "host → web" and "client → web":
    /// lesson 02's comparison of pinging from the host and from another container.
    /// </summary>
    public static PlotlyFigure PingRtt(params PingResult[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var labels = Labels(results);
        var data = new JsonArray();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (result, label) in results.Zip(labels))
        {
            var rtts = result.Replies.Where(r => r.RoundTripMs is not null).Select(r => r.RoundTripMs!.Value).ToList();
            data.Add(new JsonObject
            {
                ["type"] = "box",
                ["name"] = PlotText(label),
                ["y"] = JsonList(rtts),
                ["boxpoints"] = "all",
                ["jitter"] = 0.4,
                ["pointpos"] = 0,
                ["boxmean"] = true,
                ["hovertemplate"] = "%{y:.3f} ms<extra>" + PlotText(label) + "</extra>",
            });
            rows.Add([
                label,
                result.Sent.ToString(CultureInfo.InvariantCulture),
                result.Received.ToString(CultureInfo.InvariantCulture),
                result.LossPercent.ToString("0.#", CultureInfo.InvariantCulture) + "%",
                result.MinMs is { } min ? Fmt(min) : "–",
                result.AvgMs is { } avg ? Fmt(avg) : "–",
                result.MaxMs is { } max ? Fmt(max) : "–",
                string.Join(" ", rtts.Select(Fmt)),
            ]);
        }
        var layout = new JsonObject
        {
            ["title"] = Title("Ping round-trip time"),
            ["yaxis"] = new JsonObject { ["title"] = Title("RTT (ms)"), ["rangemode"] = "tozero", ["hoverformat"] = ".3f", ["zeroline"] = true },
            ["showlegend"] = false,
            ["height"] = 380,
            ["margin"] = new JsonObject { ["t"] = 50, ["l"] = 60, ["r"] = 20, ["b"] = 50 },
        };
        return new PlotlyFigure(data, layout,
            new FigureTable(["path", "sent", "received", "loss", "min ms", "avg ms", "max ms", "replies (ms)"], rows));
    }

    /// <summary>"host → web" for pings from the host, "client → web" from a container; repeats get a number.</summary>
    private static List<string> Labels(IReadOnlyList<PingResult> results)
    {
        var labels = results.Select(r => $"{(r.Path == PingPath.Host ? "host" : r.From)} → {r.Target}").ToList();
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < labels.Count; i++)
        {
            var n = seen[labels[i]] = seen.GetValueOrDefault(labels[i]) + 1;
            if (n > 1) labels[i] += $" #{n}";
        }
        return labels;
    }
}
