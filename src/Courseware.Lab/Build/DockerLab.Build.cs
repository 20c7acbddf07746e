using System.Diagnostics;
using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// <c>docker build -t TAG DIR</c>. Each log line goes to <paramref name="log"/> as the engine sends it.
    /// A failed build throws <see cref="BuildFailedException"/> with the failing step: the engine reports it in the
    /// stream, not as an HTTP error, so the stream is read to the end and checked.
    /// </summary>
    public async Task<BuildResult> BuildAsync(string tag, string directory, Action<string>? log = null, string dockerfile = "Dockerfile", bool noCache = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag != tag.ToLowerInvariant() || tag.Contains(' '))
            throw new LabException($"'{tag}' is not a valid image name.", "Image names are lowercase with no spaces, e.g. docker build -t exercise4 DIR.");
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
            throw new LabException($"The build context '{root}' does not exist.", "Pass the folder that holds the Dockerfile, e.g. BuildAsync(\"exercise4\", \"../exercise4\"). Paths are relative to the notebook's folder.");
        var dockerfilePath = Path.Combine(root, dockerfile);
        if (!File.Exists(dockerfilePath))
            throw new LabException($"There is no {dockerfile} in '{root}'.", "docker build needs a Dockerfile in the context folder (or name it with -f).");

        var stopwatch = Stopwatch.StartNew();
        foreach (var baseImage in BuildContext.BaseImages(await File.ReadAllTextAsync(dockerfilePath, cancellationToken).ConfigureAwait(false)))
            await EnsureImageAsync(baseImage, cancellationToken).ConfigureAwait(false);

        using var context = BuildContext.Create(root, dockerfile);
        return await BuildFromContextAsync(tag, context, NewLabels(), log, dockerfile, noCache, stopwatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The build itself, from a ready tar context: BuildAsync's folder, or an image the library assembles (a cluster
    /// node's). Reads the engine's stream to the end, since a failed step is reported there, not as an HTTP error.
    /// </summary>
    internal async Task<BuildResult> BuildFromContextAsync(string tag, Stream context, IDictionary<string, string> labels, Action<string>? log = null,
        string dockerfile = "Dockerfile", bool noCache = false, Stopwatch? stopwatch = null, CancellationToken cancellationToken = default)
    {
        stopwatch ??= Stopwatch.StartNew();
        var lines = new List<string>();
        string? step = null;
        string? error = null;
        string? imageId = null;
        var progress = new SyncProgress<JSONMessage>(message =>
        {
            if (message.Error is not null || !string.IsNullOrEmpty(message.Error?.Message))
            {
                error = message.Error!.Message ?? "unknown error";
                lines.Add(error);
                log?.Invoke(error);
                return;
            }
            if (message.Aux is not null && message.Aux.ExtensionData?.TryGetValue("ID", out var id) == true)
                imageId = id?.ToString();
            if (string.IsNullOrEmpty(message.Stream)) return;
            foreach (var line in message.Stream.TrimEnd('\n').Split('\n'))
            {
                if (line.StartsWith("Step ", StringComparison.Ordinal)) step = line;
                lines.Add(line);
                log?.Invoke(line);
            }
        });
        var parameters = new ImageBuildParameters
        {
            Tags = [tag],
            Dockerfile = dockerfile,
            Labels = labels,
            NoCache = noCache,
            Remove = true,
            ForceRemove = true,
        };
        try
        {
            await Client.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Docker.DotNet.DockerApiException e)
        {
            throw new BuildFailedException(tag, step, ShortEngineMessage(e), lines);
        }
        if (error is not null) throw new BuildFailedException(tag, step, error, lines);

        var image = await Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false);
        return new BuildResult(tag, imageId ?? image.ID, lines, stopwatch.Elapsed);
    }
}
