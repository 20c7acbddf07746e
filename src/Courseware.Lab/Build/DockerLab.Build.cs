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
        if (string.IsNullOrWhiteSpace(tag) || !string.Equals(tag, tag.ToLowerInvariant(), StringComparison.Ordinal) || tag.Contains(' '))
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
        var lines = new List<string>();
        string? step = null;
        string? error = null;
        var progress = new SyncProgress<JSONMessage>(message =>
        {
            if (message.Error is not null || !string.IsNullOrEmpty(message.Error?.Message))
            {
                error = message.Error!.Message ?? "unknown error";
                lines.Add(error);
                log?.Invoke(error);
                return;
            }
            if (string.IsNullOrEmpty(message.Stream)) return;
            foreach (var line in message.Stream.TrimEnd('\n').Split('\n'))
            {
                if (line.StartsWith("Step ", StringComparison.Ordinal)) step = line;
                lines.Add(line);
                log?.Invoke(line);
            }
        });
        // No labels here: the classic builder turns each build label into an extra LABEL step of its own, so the log
        // would count steps the learner's Dockerfile does not have (Step 1/8 for four instructions). The learner's build
        // runs exactly as `docker build -t TAG DIR` would; LabelImageAsync then adds the session label.
        var parameters = new ImageBuildParameters
        {
            Tags = [tag],
            Dockerfile = dockerfile,
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
            error = EngineErrors.Message(e);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, Engine, $"docker build -t {tag}");
        }
        // The engine's disk filling up is no fault of the Dockerfile: it fails the build's first write (the context) or a step.
        if (error is not null)
            throw await Session.WithCourseUsageAsync((Exception?)EngineDiskFull.From(error, Engine, $"docker build -t {tag}")
                ?? new BuildFailedException(tag, step, error, lines)).ConfigureAwait(false);

        var labelled = await LabelImageAsync(tag, cancellationToken).ConfigureAwait(false);
        return new BuildResult(tag, labelled, lines, stopwatch.Elapsed);
    }

    /// <summary>
    /// Gives the image TAG this session's labels, so clean-up finds it: a one-instruction build <c>FROM TAG</c> with the
    /// build API's labels, tagged TAG again. It adds no layer, only the labels to the image's config; the learner's
    /// own image stays its parent. Returns the labelled image's id.
    /// </summary>
    private async Task<string> LabelImageAsync(string tag, CancellationToken cancellationToken)
    {
        var built = await Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false);
        using var context = BuildContext.FromDockerfile($"FROM {built.ID}\n");
        string? error = null;
        var progress = new SyncProgress<JSONMessage>(m => error ??= m.Error?.Message);
        await Client.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [tag], Labels = Session.NewLabels(), Remove = true, ForceRemove = true },
            context, null, null, progress, cancellationToken).ConfigureAwait(false);
        if (error is not null) throw new BuildFailedException(tag, null, $"labelling the image failed: {error}", []);
        return (await Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false)).ID;
    }
}
