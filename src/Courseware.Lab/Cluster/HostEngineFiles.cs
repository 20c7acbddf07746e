using System.Diagnostics;
using System.Formats.Tar;

namespace Courseware.Lab;

/// <summary>
/// The files a Docker engine needs to run in a container, taken from this host's own installed engine (Debian's
/// docker.io, containerd, runc, iptables): the binaries, the shared libraries <c>ldd</c> names for them, and the
/// iptables extensions iptables loads at run time. Written into a build context at the same paths they have here.
/// </summary>
internal static class HostEngineFiles
{
    /// <summary>Without these dockerd does not start.</summary>
    /// <summary>Where Debian (per architecture), Alpine and Fedora keep iptables' match and target plugins.</summary>
    private static readonly string[] XtablesPluginFolders = ["/usr/lib/x86_64-linux-gnu/xtables", "/usr/lib/aarch64-linux-gnu/xtables", "/usr/lib/xtables", "/usr/lib64/xtables"];

    private static readonly string[] Required = ["dockerd", "containerd", "containerd-shim-runc-v2", "runc", "iptables"];

    /// <summary>
    /// Used when present: --init, the userland proxy for -p, the rest of iptables, and iproute2's ip and bridge, which
    /// show what busybox's cannot: the VXLAN device's details and its forwarding table.
    /// </summary>
    private static readonly string[] Optional = ["docker-init", "docker-proxy", "iptables-save", "iptables-restore", "ip6tables", "ip6tables-save", "ip6tables-restore", "ip", "bridge"];

    private static readonly string[] SearchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The path of a program the way the node's PATH will find it, or null.</summary>
    private static string? Find(string program) =>
        SearchPath.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Null when this host has an engine to copy; otherwise which program is missing.</summary>
    public static string? Missing() =>
        OperatingSystem.IsLinux() ? Required.FirstOrDefault(p => Find(p) is null) : "a Linux host";

    /// <summary><c>dockerd --version</c> of this host, e.g. "20.10.24+dfsg1": it names the node image.</summary>
    public static async Task<string> DockerdVersionAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(Find("dockerd")!, ["--version"], cancellationToken).ConfigureAwait(false);
        var match = System.Text.RegularExpressions.Regex.Match(output, @"version ([0-9A-Za-z.+~-]+)");
        return match.Success ? match.Groups[1].Value : "local";
    }

    /// <summary>Writes every file into a tar build context under <paramref name="root"/>, keeping symlinks as symlinks.</summary>
    public static async Task WriteAsync(TarWriter tar, string root, CancellationToken cancellationToken)
    {
        var programs = Required.Concat(Optional).Select(Find).OfType<string>().ToList();
        var plugins = XtablesPluginFolders.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d)).ToList();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var program in programs.Concat(plugins)) files.Add(program);
        foreach (var binary in programs.Concat(plugins).Select(Resolve).Distinct().ToList())
            foreach (var library in await LibrariesAsync(binary, cancellationToken).ConfigureAwait(false))
                files.Add(library);

        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files) Write(tar, root, file, written);
    }

    /// <summary>A symlink becomes a symlink to its final target (written too); a file is copied with its mode.</summary>
    private static void Write(TarWriter tar, string root, string path, HashSet<string> written)
    {
        if (!written.Add(path)) return;
        var name = root + path.TrimStart('/');
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = Resolve(path);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 });
            Write(tar, root, target, written);
            return;
        }
        using var data = File.OpenRead(path);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = OperatingSystem.IsWindows() ? (UnixFileMode)0b111_101_101 : File.GetUnixFileMode(path), DataStream = data });
    }

    private static string Resolve(string path) => File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    /// <summary>The absolute paths <c>ldd</c> prints for a dynamic binary (none for a static one).</summary>
    private static async Task<IReadOnlyList<string>> LibrariesAsync(string binary, CancellationToken cancellationToken)
    {
        var output = await RunAsync("ldd", [binary], cancellationToken, allowFailure: true).ConfigureAwait(false);
        return output.Split('\n')
            .SelectMany(line => line.Split(' ', '\t'))
            .Where(token => token.StartsWith('/') && File.Exists(token))
            .Distinct()
            .ToList();
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 && !allowFailure)
            throw new LabException($"{program} {string.Join(' ', args)} failed: {(await stderr.ConfigureAwait(false)).Trim()}", "The node image is built from this host's installed engine; check that it runs.");
        return await stdout.ConfigureAwait(false);
    }
}
