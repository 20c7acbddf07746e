using System.Globalization;
using System.Text.Json.Nodes;

namespace Courseware.Lab.Interactive;

public static partial class Charts
{
    /// <summary>
    /// Repeated lookups of one name (a round-robin alias): per address, how often it came first in the answer, which is
    /// the one a client such as ping or wget connects to, and how often it came later. Lesson 06's round robin.
    /// </summary>
    public static PlotlyFigure DnsAnswers(IEnumerable<ResolveResult> lookups)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        var all = lookups.ToList();
        var addresses = all.SelectMany(l => l.Addresses).Distinct().Order(StringComparer.Ordinal).ToList();
        var first = addresses.Select(a => all.Count(l => l.Addresses.Count > 0 && l.Addresses[0] == a)).ToList();
        var later = addresses.Select(a => all.Count(l => l.Addresses.Skip(1).Contains(a))).ToList();
        var name = all.Select(l => l.Name).FirstOrDefault() ?? "?";
        var labels = addresses.Select(PlotText).ToList();
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "bar", ["name"] = "first answer", ["x"] = JsonList(labels), ["y"] = JsonList(first),
                ["marker"] = new JsonObject { ["color"] = Blue },
                ["hovertemplate"] = "%{x}: first in %{y} answer(s)<extra></extra>",
            },
            new JsonObject
            {
                ["type"] = "bar", ["name"] = "later in the answer", ["x"] = JsonList(labels), ["y"] = JsonList(later),
                ["marker"] = new JsonObject { ["color"] = Grey },
                ["hovertemplate"] = "%{x}: later in %{y} answer(s)<extra></extra>",
            },
        };
        var layout = new JsonObject
        {
            ["title"] = Title($"{all.Count} lookups of {PlotText(name)}: which address came first"),
            ["barmode"] = "stack",
            ["xaxis"] = new JsonObject { ["title"] = Title("address"), ["type"] = "category" },
            ["yaxis"] = new JsonObject { ["title"] = Title("lookups"), ["rangemode"] = "tozero", ["dtick"] = 5 },
            ["height"] = 340,
            ["margin"] = new JsonObject { ["t"] = 50, ["l"] = 60, ["r"] = 20, ["b"] = 50 },
        };
        var rows = addresses.Select((a, i) => (IReadOnlyList<string>)[a, first[i].ToString(CultureInfo.InvariantCulture), later[i].ToString(CultureInfo.InvariantCulture)]).ToList();
        return new PlotlyFigure(data, layout, new FigureTable(["address", "first in the answer", "later in the answer"], rows));
    }
}
