namespace Courseware.Lab;

/// <summary>The labels every container, network and image of the course carries.</summary>
public static class LabLabels
{
    /// <summary>Marks a resource as the course's; its value is the session id. `docker ps --filter label=courseware.session` finds them all.</summary>
    public const string Session = "courseware.session";

    /// <summary>The lesson (notebook) that created the resource.</summary>
    internal const string Lesson = "courseware.lesson";

    /// <summary>The process that owns the session; when it is gone, its resources are leftovers of a killed run.</summary>
    internal const string OwnerPid = "courseware.owner.pid";

    /// <summary>When that process started (UTC, to the second): a pid is reused, the pid and its start time are not (SessionOwner).</summary>
    internal const string OwnerStarted = "courseware.owner.started";

    /// <summary>Which machine that pid lives on, so a shared engine never loses another host's live session.</summary>
    internal const string OwnerHost = "courseware.owner.host";

    /// <summary>Set on a base image built from the host's static busybox instead of pulled.</summary>
    public const string Seeded = "courseware.seeded";
}
