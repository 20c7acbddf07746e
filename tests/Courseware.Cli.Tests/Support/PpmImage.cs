using System.Text;

namespace Courseware.Cli.Tests.Support;

/// <summary>A binary PPM (P6, 8 bits per channel), as pdftoppm writes it: enough to count ink and colours.</summary>
public sealed class PpmImage(int width, int height, byte[] rgb)
{
    public int Width { get; } = width;
    public int Height { get; } = height;

    public static PpmImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position])) position++;
            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position])) position++;
            return Encoding.ASCII.GetString(bytes, start, position - start);
        }
        Assert.Equal("P6", Token());
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        Assert.Equal("255", Token());
        position++; // the one white space character before the pixels
        return new PpmImage(width, height, bytes[position..(position + width * height * 3)]);
    }

    /// <summary>Pixels that are not paper white (any channel below 235).</summary>
    public int InkPixels() => Count((r, g, b) => r < 235 || g < 235 || b < 235);

    /// <summary>
    /// Pixels of a clear colour (channels far apart): a chart's traces (plotly's #1f77b4, #ff7f0e, …). Text is black
    /// or grey; a link's or a badge's few coloured pixels are far fewer than a chart's.
    /// </summary>
    public int ColouredPixels() => Count((r, g, b) => Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 60);

    public int Pixels => Width * Height;

    private int Count(Func<byte, byte, byte, bool> predicate)
    {
        var count = 0;
        for (var i = 0; i + 2 < rgb.Length; i += 3)
            if (predicate(rgb[i], rgb[i + 1], rgb[i + 2])) count++;
        return count;
    }
}
