using System.Formats.Tar;

namespace Courseware.Lab.Tests.Cluster;

/// <summary>The node image's build context, taken from this host's installed engine (needs Debian's docker.io here, as CI installs).</summary>
public sealed class HostEngineFilesTests
{
    [Fact]
    public async Task The_context_holds_the_engine_its_libraries_and_the_iptables_extensions_at_their_host_paths()
    {
        if (HostEngineFiles.Missing() is { } missing)
        {
            Assert.False(Courseware.Tests.Support.Prerequisites.InCi, $"CI installs docker.io, yet {missing} is missing");
            return;
        }
        using var context = new MemoryStream();
        using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
            await HostEngineFiles.WriteAsync(tar, "rootfs/", CancellationToken.None);
        context.Position = 0;
        var entries = new Dictionary<string, TarEntry>();
        using (var reader = new TarReader(context))
            while (reader.GetNextEntry() is { } entry)
                entries[entry.Name] = entry;

        foreach (var program in new[] { "dockerd", "containerd", "runc", "iptables" })
            Assert.Contains(entries.Keys, k => k.EndsWith("/" + program, StringComparison.Ordinal));
        // Every symlink points at a file the context also carries: nothing dangles in the image.
        foreach (var link in entries.Values.Where(e => e.EntryType == TarEntryType.SymbolicLink))
            Assert.Contains("rootfs/" + link.LinkName.TrimStart('/'), entries.Keys);
        Assert.Contains(entries.Keys, k => k.Contains("/libc.so.6", StringComparison.Ordinal));
        Assert.Contains(entries.Keys, k => k.Contains("ld-linux", StringComparison.Ordinal));
        Assert.Contains(entries.Keys, k => k.Contains("/xtables/libxt_", StringComparison.Ordinal));
        var dockerd = entries.Values.First(e => e.Name.EndsWith("/dockerd", StringComparison.Ordinal) && e.EntryType == TarEntryType.RegularFile);
        Assert.True(dockerd.Mode.HasFlag(UnixFileMode.UserExecute));
    }
}
