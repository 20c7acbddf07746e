using System.Text;

namespace Courseware.Cli.Export;

/// <summary>
/// Writes a file beside its target and moves it into place: an interrupted run or a full disk never leaves half a
/// notebook, and the partial file is removed, so nothing is left behind either.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
