using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// An engine whose disk is full, for real: a dockerd of the test's own on a 48 MB tmpfs (<see cref="ScratchEngine"/>),
/// seeded with the base image, then filled. docker run and docker build then fail with the typed error that names the
/// engine's data root, what the course takes there and how to free it, not the engine's raw "no space left on device".
/// </summary>
public sealed class EngineDiskFullTests
{
    [ScratchEngineFact]
    public async Task A_full_data_root_names_the_disk_what_the_course_takes_and_the_fix()
    {
        await using var engine = await ScratchEngine.StartAsync();
        await using var lab = await DockerLab.ConnectAsync("disk-full", new LabOptions { Endpoint = engine.Endpoint, RemoveLeftovers = false });
        await lab.SeedBusyboxAsync(LabImages.Base, CancellationToken.None); // offline, as scripts/ensure-docker.sh seeds an engine
        engine.FillDataRoot();

        var run = await Assert.ThrowsAsync<EngineDiskFullException>(() => lab.RunAsync(LabImages.Base, name: "disk-full-web", command: ["sleep", "60"]));

        Assert.Equal(engine.DataRoot, lab.Engine.DataRoot);
        Assert.Equal(engine.DataRoot, run.DataRoot);
        Assert.StartsWith($"docker run -d --name disk-full-web {LabImages.Base} sleep 60 failed: the disk that holds the engine's data root {engine.DataRoot} is full (no space left on device).", run.Problem);
        // The seeded base image (the host's static busybox, ~2 MB) is the course's only image there; the failed run left no container.
        Assert.Matches(@"^The course's own images take up to [1-9]\.\d MB \(1 image\) and it has 0 containers on this engine\.$", run.CourseUsage);
        Assert.EndsWith(run.CourseUsage, run.Problem);
        Assert.Contains("'courseware clean'", run.Fix);
        Assert.Contains("'docker system prune'", run.Fix);
        Assert.Contains($"'df -h {engine.DataRoot}'", run.Fix);
        Assert.Contains("no space left on device", run.Details);
        Assert.Equal("The engine's disk is full", run.Title);

        var context = Directory.CreateTempSubdirectory("courseware-disk-full-build-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), $"FROM {LabImages.Base}\nRUN echo hi > /greeting\n");
            var build = await Assert.ThrowsAsync<EngineDiskFullException>(() => lab.BuildAsync("disk-full-image", context.FullName));
            Assert.StartsWith($"docker build -t disk-full-image failed: the disk that holds the engine's data root {engine.DataRoot} is full", build.Problem);
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }
}
