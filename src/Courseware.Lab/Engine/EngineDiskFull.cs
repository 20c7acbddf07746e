using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary>
/// Recognises the engine's "no space left on device" (ENOSPC on its data root: a layer, a container's init layer, a
/// build context) in whichever way it arrives: an API error of <c>docker run</c> or <c>docker create</c>, or a build's
/// error. Part of the one translation (<see cref="EngineErrors"/>), so every verb that writes on the engine says which
/// disk and how to free it instead of the engine's raw text.
/// </summary>
internal static class EngineDiskFull
{
    private const string NoSpace = "no space left on device";

    public static bool Is(string engineMessage) => engineMessage.Contains(NoSpace, StringComparison.OrdinalIgnoreCase);

    /// <summary>The typed error for a disk-full message; null for any other message.</summary>
    public static EngineDiskFullException? From(string engineMessage, EngineInfo engine, string cli) =>
        Is(engineMessage) ? new EngineDiskFullException(cli, engine, engineMessage) : null;

    /// <summary>
    /// "The course's own images take up to 12.3 MB (3 images) and it has 2 containers." Three list calls, no sizes
    /// computed by the engine (<c>docker ps -s</c> would walk every container's files). Null when the engine cannot say.
    /// </summary>
    public static async Task<string?> CourseUsageAsync(DockerClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var images = new Dictionary<string, long>();
            foreach (var label in new[] { LabLabels.Session, LabLabels.Seeded })
                foreach (var image in await client.Images.ListImagesAsync(new ImagesListParameters { Filters = EngineSession.LabelFilter(label) }, timeout.Token).ConfigureAwait(false))
                    images[image.ID] = image.Size;
            var containers = await client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = EngineSession.LabelFilter(LabLabels.Session) }, timeout.Token).ConfigureAwait(false);
            // An image's Size counts the layers it shares with its parent again: the sum is an upper bound.
            return $"The course's own images take up to {Megabytes(images.Values.Sum())} ({images.Count} image{(images.Count == 1 ? "" : "s")}) " +
                   $"and it has {containers.Count} container{(containers.Count == 1 ? "" : "s")} on this engine.";
        }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException || EngineConnectionError.IsConnectionFailure(e))
        {
            return null;
        }
    }

    private static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1_000_000.0:0.0} MB");
}
