using System.Globalization;

namespace Courseware.Cli.Commands;

/// <summary>
/// Checks, before any cell runs, that the run's outputs can be written: a lesson takes half a minute and creates
/// containers, and finding out at the end that --output is read-only or full wastes all of it.
/// </summary>
public static class OutputFolder
{
    /// <summary>Room an executed lesson needs: the .html embeds plotly.js (4.6 MB) and the figures.</summary>
    public const long BytesPerHtml = 8L << 20;
    public const long BytesPerIpynb = 1L << 20;
    /// <summary>A printed lesson: about 1 MB measured for lesson 01 (charts are vectors, figures are embedded once).</summary>
    public const long BytesPerPdf = 4L << 20;

    /// <summary>Creates the folder if needed and proves it writable with a probe file; throws a <see cref="UsageException"/> saying what to do.</summary>
    public static void EnsureWritable(string directory, long bytesNeeded)
    {
        var probe = Path.Combine(directory, $".courseware-write-test-{Environment.ProcessId}");
        try
        {
            if (File.Exists(directory))
                throw new UsageException($"--output {directory} is a file, not a folder; choose a folder (it is created if missing).");
            Directory.CreateDirectory(directory);
            File.WriteAllText(probe, "courseware checks that it can write here before running anything\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output {directory}: cannot write there ({Reason(e, directory)}). Nothing ran. Choose a folder you can write, " +
                                     "e.g. --output artifacts/notebooks, or fix its permissions.");
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        var free = FreeBytes(directory);
        if (free is { } bytes && bytes < bytesNeeded)
            throw new UsageException($"--output {directory}: only {Size(bytes)} free there, and the outputs need about {Size(bytesNeeded)}. " +
                                     "Nothing ran. Free some space or choose a folder on another disk.");
    }

    private static long? FreeBytes(string directory)
    {
        try { return new DriveInfo(directory).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The operating system's words ("Permission denied", "Read-only file system"), not .NET's full sentence with the path again.</summary>
    private static string Reason(Exception e, string directory) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException when FileInTheWay(directory) is { } file => $"{file} is a file, not a folder",
        _ when e.HResult != 0 && (e.HResult & 0xFFFF) is var errno && errno is 28 => "no space left on device",
        _ when e.HResult != 0 && (e.HResult & 0xFFFF) is 30 => "read-only file system",
        _ when e.HResult != 0 && (e.HResult & 0xFFFF) is 20 => "a part of the path is a file, not a folder",
        _ => e.Message,
    };

    private static string? FileInTheWay(string directory)
    {
        for (var path = Path.GetDirectoryName(Path.GetFullPath(directory)); path is not null; path = Path.GetDirectoryName(path))
            if (File.Exists(path)) return path;
        return null;
    }

    internal static string Size(long bytes) => bytes >= 1 << 20
        ? (bytes / (double)(1 << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
}
