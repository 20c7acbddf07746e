using PuppeteerSharp.Media;

namespace Courseware.Cli.Export;

/// <summary>
/// A handout's paper (<c>--paper a4|letter</c>) and the margins the PDF keeps. The page is laid out in a window as wide
/// as the printable area, so what plotly draws at that width is what the paper shows, unscaled.
/// </summary>
public sealed record PaperSize(string Name, PaperFormat Format)
{
    public static readonly PaperSize A4 = new("a4", PaperFormat.A4);
    public static readonly PaperSize Letter = new("letter", PaperFormat.Letter);

    public const int SideMarginPx = 45;
    public const int TopMarginPx = 50;
    /// <summary>Room for the footer: the lesson's title and the page number.</summary>
    public const int BottomMarginPx = 60;

    /// <summary>The printable width in CSS pixels (96 per inch).</summary>
    public int PrintableWidthPx => (int)Math.Floor(Format.Width * 96m) - 2 * SideMarginPx;

    /// <summary>Null for a name that is neither.</summary>
    public static PaperSize? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "a4" => A4,
        "letter" => Letter,
        _ => null,
    };
}
