namespace Courseware.Lab;

/// <summary>
/// The engine could not write to its own disk: the file system holding its data root (<c>docker info</c>'s Docker
/// Root Dir; on Docker Desktop, the VM's disk image) has no space left. Not the learner's command that is wrong: the
/// same command works once space is freed, so the fix says which disk, what the course itself takes there, and how to
/// free it.
/// </summary>
public sealed class EngineDiskFullException : LabException
{
    internal EngineDiskFullException(string command, EngineInfo engine, string engineMessage, string? courseUsage = null)
        : base(Describe(command, engine, courseUsage), FixFor(engine), engineMessage)
    {
        Command = command;
        Engine = engine;
        DataRoot = engine.DataRoot;
        CourseUsage = courseUsage;
    }

    /// <summary>The docker command that failed, e.g. "docker run -d --name web exercise4".</summary>
    internal string Command { get; }

    /// <summary>The engine's data root (/var/lib/docker); empty when the engine did not say.</summary>
    internal string DataRoot { get; }

    /// <summary>What the course's own images and containers take on that disk, when it could be read cheaply.</summary>
    internal string? CourseUsage { get; }

    internal EngineInfo Engine { get; }

    public override string Title => "The engine's disk is full";

    /// <summary>The same error, with what the course itself takes on the full disk.</summary>
    internal EngineDiskFullException WithCourseUsage(string usage) => new(Command, Engine, Details ?? "", usage);

    private static string Describe(string command, EngineInfo engine, string? courseUsage)
    {
        var disk = engine.IsDockerDesktop
            ? $"Docker Desktop's virtual disk (its data root {Or(engine.DataRoot)} is inside the VM)"
            : $"the disk that holds the engine's data root {Or(engine.DataRoot)}";
        return $"{command} failed: {disk} is full (no space left on device). The engine stores every image, layer and container there." +
               (courseUsage is null ? "" : " " + courseUsage);
    }

    private static string Or(string dataRoot) => dataRoot.Length > 0 ? dataRoot : "(docker info shows it as Docker Root Dir)";

    private static string FixFor(EngineInfo engine) =>
        "Free space on the engine's disk, then re-run the cell: 'courseware clean' removes everything the course created " +
        "(its containers, networks and images); 'docker system prune' removes every stopped container, unused network and " +
        "dangling image (add -a for every image no container uses); 'docker system df' shows what takes the space. " +
        (engine.IsDockerDesktop
            ? "Or give the VM a larger disk: Docker Desktop, Settings > Resources > Advanced, Disk image size."
            : $"'df -h {(engine.DataRoot.Length > 0 ? engine.DataRoot : "/var/lib/docker")}' shows how full the disk is; other files on it count too.");
}
