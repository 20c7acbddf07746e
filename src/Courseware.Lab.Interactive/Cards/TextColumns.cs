using System.Text;

namespace Courseware.Lab.Interactive;

/// <summary>Columns padded like the CLI's tables (three spaces apart, the last column unpadded), so text/plain reads as the terminal would.</summary>
internal static class TextColumns
{
    public static string Of(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = rows.ToList();
        var widths = headers.Select((h, i) => table.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        foreach (var line in table.Prepend(headers))
            sb.AppendLine(string.Join("   ", line.Select((cell, i) => i == line.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        return sb.ToString().TrimEnd();
    }
}
