using System.Formats.Tar;

namespace Courseware.Lab;

/// <summary>The tar stream <c>docker build DIR</c> sends to the engine.</summary>
internal static class BuildContext
{
    /// <summary>Tars the directory, leaving out what .dockerignore excludes (but always keeping the Dockerfile and .dockerignore, as the CLI does).</summary>
    public static MemoryStream Create(string directory, string dockerfile = "Dockerfile")
    {
        var root = Path.GetFullPath(directory);
        var ignore = DockerIgnore.Load(root);
        var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (relative != dockerfile && relative != ".dockerignore" && ignore.IsExcluded(relative)) continue;
                if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint))
                    tar.WriteEntry(path, relative + "/");
                else
                    tar.WriteEntry(path, relative);
            }
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>A context holding only a Dockerfile with this text.</summary>
    public static MemoryStream FromDockerfile(string text, string dockerfile = "Dockerfile")
    {
        var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, dockerfile) { DataStream = new MemoryStream(bytes), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead });
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>The images a Dockerfile builds FROM (not earlier stages), so they can be made present first.</summary>
    public static IReadOnlyList<string> BaseImages(string dockerfileText)
    {
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        foreach (var raw in dockerfileText.Split('\n'))
        {
            var words = raw.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !words[0].Equals("FROM", StringComparison.OrdinalIgnoreCase)) continue;
            var image = words.Skip(1).First(w => !w.StartsWith("--", StringComparison.Ordinal));
            if (!stages.Contains(image) && image != "scratch" && !image.Contains('$')) images.Add(image);
            var asIndex = Array.FindIndex(words, w => w.Equals("AS", StringComparison.OrdinalIgnoreCase));
            if (asIndex > 0 && asIndex + 1 < words.Length) stages.Add(words[asIndex + 1]);
        }
        return images;
    }
}
