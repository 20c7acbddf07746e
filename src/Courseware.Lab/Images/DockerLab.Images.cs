using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>Where Debian's busybox-static puts its binary: a whole userland in one static file.</summary>
    internal static string StaticBusyboxPath { get; set; } = "/bin/busybox";

    /// <summary>Is the image on the engine? (<c>docker image inspect IMAGE</c>)</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken = default)
    {
        return await Session.InspectOrNullAsync($"docker image inspect {image}", () => Client.Images.InspectImageAsync(image, cancellationToken)).ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// Makes sure an image is on the engine: there already, or pulled, or — for busybox when no registry answers —
    /// built from the host's static busybox. Returns how it got there.
    /// </summary>
    public async Task<string> EnsureImageAsync(string image, CancellationToken cancellationToken = default)
    {
        if (await ImageExistsAsync(image, cancellationToken).ConfigureAwait(false)) return "present";
        var pullError = await TryPullAsync(image, cancellationToken).ConfigureAwait(false);
        if (pullError is null) return "pulled";
        if (IsBusybox(image) && File.Exists(StaticBusyboxPath))
        {
            await SeedBusyboxAsync(image, cancellationToken).ConfigureAwait(false);
            return "seeded from the host's static busybox";
        }
        throw new ImageNotFoundException(image, pullError);
    }

    private static bool IsBusybox(string image) =>
        SplitTag(image).Repository is "busybox" or "docker.io/library/busybox" or "library/busybox";

    /// <summary>"name:tag" into its parts; a colon before the last '/' belongs to a registry port, not a tag.</summary>
    private static (string Repository, string Tag) SplitTag(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    private async Task<string?> TryPullAsync(string image, CancellationToken cancellationToken)
    {
        var (repository, tag) = SplitTag(image);
        var parameters = new ImagesCreateParameters { FromImage = repository, Tag = tag };
        var errors = new SyncProgress<JSONMessage>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await Client.Images.CreateImageAsync(parameters, null, errors, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "the pull timed out";
        }
        catch (DockerApiException e)
        {
            return EngineErrors.Message(e);
        }
        var error = errors.Items.FirstOrDefault(m => m.Error is not null)?.Error?.Message;
        if (error is not null) return error;
        return await ImageExistsAsync(image, cancellationToken).ConfigureAwait(false) ? null : "the pull reported no error but the image is absent";
    }

    /// <summary>
    /// <c>docker import</c> of a root filesystem holding the host's static busybox and a link per applet.
    /// Labelled as seeded locally so nobody mistakes it for the registry's image.
    /// </summary>
    internal async Task SeedBusyboxAsync(string image, CancellationToken cancellationToken)
    {
        var applets = await ListBusyboxAppletsAsync(cancellationToken).ConfigureAwait(false);
        using var rootfs = new MemoryStream();
        using (var tar = new TarWriter(rootfs, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var dir in new[] { "bin/", "etc/", "tmp/", "root/", "var/", "var/www/" })
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = dir == "tmp/" ? (UnixFileMode)0b1_111_111_111 : DirMode });
            var busybox = new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox")
            {
                Mode = DirMode,
                DataStream = File.OpenRead(StaticBusyboxPath),
            };
            tar.WriteEntry(busybox);
            busybox.DataStream.Dispose();
            foreach (var applet in applets.Where(a => a != "busybox"))
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox", Mode = DirMode });
            WriteText(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
            WriteText(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
        }
        rootfs.Position = 0;
        var (repository, tag) = SplitTag(image);
        var parameters = new ImagesCreateParameters
        {
            FromSrc = "-",
            Repo = repository,
            Tag = tag,
            Message = "seeded by Courseware from the host's static busybox",
            Changes = ["CMD [\"sh\"]", "ENV PATH=/bin", $"LABEL {LabLabels.Seeded}=local-busybox"],
        };
        var progress = new SyncProgress<JSONMessage>();
        await Client.Images.CreateImageAsync(parameters, rootfs, null, progress, cancellationToken).ConfigureAwait(false);
        var error = progress.Items.FirstOrDefault(m => m.Error is not null)?.Error?.Message;
        if (error is not null) throw new ImageNotFoundException(image, $"seeding from {StaticBusyboxPath} failed: {error}");
    }

    private const UnixFileMode DirMode = (UnixFileMode)0b111_101_101;

    private static void WriteText(TarWriter tar, string path, string text)
    {
        using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { Mode = (UnixFileMode)0b110_100_100, DataStream = data });
    }

    private static async Task<IReadOnlyList<string>> ListBusyboxAppletsAsync(CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo(StaticBusyboxPath, "--list") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new ImageNotFoundException(image: StaticBusyboxPath, reason: $"{StaticBusyboxPath} --list did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
