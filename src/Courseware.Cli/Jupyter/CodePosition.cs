using System.Text;
using Microsoft.DotNet.Interactive;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points; C# strings and Roslyn count UTF-16 units. They differ after
/// any character outside the BMP (an emoji in a comment): every position crossing the protocol goes through here.
/// </summary>
public static class CodePosition
{
    public static int ToUtf16(string code, int codePoints)
    {
        var index = 0;
        for (var seen = 0; seen < codePoints && index < code.Length; seen++)
            index += char.IsHighSurrogate(code[index]) && index + 1 < code.Length && char.IsLowSurrogate(code[index + 1]) ? 2 : 1;
        return index;
    }

    public static int ToCodePoints(string code, int utf16Index)
    {
        var end = Math.Clamp(utf16Index, 0, code.Length);
        var count = 0;
        foreach (var _ in code.AsSpan(0, end).EnumerateRunes()) count++;
        return count;
    }

    /// <summary>Line and character (both from 0, character in UTF-16 units), as the C# kernel's requests take them.</summary>
    public static LinePosition ToLinePosition(string code, int utf16Index)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < utf16Index && i < code.Length; i++)
            if (code[i] == '\n') { line++; lineStart = i + 1; }
        return new LinePosition(line, utf16Index - lineStart);
    }

    /// <summary>Where the identifier that ends at the cursor starts: the text a completion replaces.</summary>
    public static int WordStart(string code, int utf16Index)
    {
        var start = utf16Index;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        return start;
    }
}
