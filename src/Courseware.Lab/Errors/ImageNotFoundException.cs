namespace Courseware.Lab;

/// <summary>The image is not on the engine and could not be pulled (offline, or it does not exist).</summary>
public sealed class ImageNotFoundException : LabException
{
    internal ImageNotFoundException(string image, string reason)
        : base(
            $"Image '{image}' is not on this engine and could not be pulled ({reason}).",
            image.StartsWith("busybox", StringComparison.Ordinal)
                ? $"Run scripts/ensure-docker.sh: it seeds {LabImages.Base} from the host's static busybox (apt-get install busybox-static) when no registry is reachable."
                : $"Build it first (docker build -t {image} DIR), or pull it while online (docker pull {image}). 'docker images' lists what the engine has.") =>
        Image = image;

    public string Image { get; }
    public override string Title => "Image not found";
}
