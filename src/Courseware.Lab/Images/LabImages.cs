namespace Courseware.Lab;

/// <summary>The images the course relies on, named once.</summary>
public static class LabImages
{
    /// <summary>
    /// The base image of the lessons and of every helper container (pinger, LAN neighbour, host helper). When it is
    /// absent and cannot be pulled, <see cref="DockerLab.EnsureImageAsync"/> seeds it from the host's static busybox.
    /// </summary>
    public const string Base = "busybox:stable";
}
