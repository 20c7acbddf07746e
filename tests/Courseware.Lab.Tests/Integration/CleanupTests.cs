using Courseware.Lab.Tests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab.Tests.Integration;

/// <summary>Everything the lab creates is labelled, removed by one call, and a killed run's leftovers go at the next start.</summary>
public sealed class CleanupTests
{
    private static async Task<int> CountLabelled(DockerClient client, string session)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{LabLabels.Session}={session}"] = true } };
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter });
        var images = await client.Images.ListImagesAsync(new ImagesListParameters { Filters = filter });
        var volumes = await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter });
        return containers.Count + networks.Count + images.Count + (volumes.Volumes?.Count ?? 0);
    }

    /// <summary>
    /// How many of a leftover session's resources remain once every remover has finished: any lab connecting in a
    /// parallel test removes leftovers too, and the engine answers a second remover "removal already in progress"
    /// while the first is still at it, so the count is read again until it settles at zero (or 10 s pass).
    /// </summary>
    private static async Task<int> CountLeftAfterRemovalAsync(DockerClient client, string session)
    {
        var count = await CountLabelled(client, session);
        for (var attempt = 0; attempt < 40 && count > 0; attempt++)
        {
            await Task.Delay(250);
            count = await CountLabelled(client, session);
        }
        return count;
    }

    [DockerFact]
    public async Task Clean_removes_every_container_network_and_image_of_the_session()
    {
        await using var lab = await DockerLab.ConnectAsync("test-cleanup");
        var net = $"cleanme-{Guid.NewGuid():N}"[..16];
        await lab.Network.CreateAsync(net);
        await lab.BuildAsync("courseware-test-cleanup", Repo.PathOf("exercise4"));
        var web = await lab.RunAsync("courseware-test-cleanup", new RunOptions { Name = net + "-web", Network = net, Publish = ["127.0.0.1::80"] });
        await Sleeper.RunAsync(lab, net + "-box");
        var inspect = await lab.InspectAsync(web.Name);
        Assert.Equal(lab.SessionId, inspect.Labels[LabLabels.Session]);
        Assert.Equal("test-cleanup", inspect.Labels[LabLabels.Lesson]);

        using var client = new DockerClientBuilder().Build();
        Assert.Equal(4, await CountLabelled(client, lab.SessionId));

        var report = await lab.CleanAsync();
        Assert.Equal(2, report.Containers.Count);
        Assert.Equal([net], report.Networks);
        Assert.Contains("courseware-test-cleanup:latest", report.Images);
        Assert.Equal(0, await CountLabelled(client, lab.SessionId));

        // Cleaning twice is harmless.
        Assert.Equal(0, (await lab.CleanAsync()).Total);
    }

    [DockerFact]
    public async Task Leftovers_of_a_dead_process_are_removed_at_the_next_start_but_live_sessions_are_kept()
    {
        using var client = new DockerClientBuilder().Build();
        var dead = $"ghost-{Guid.NewGuid():N}";
        var labels = DeadSession.Labels(dead);
        await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = LabImages.Base, Labels = labels, Cmd = ["true"] });
        await client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = dead[..20], Labels = labels });
        // A cluster node's /var/lib/docker is a named volume: a killed lesson 07 leaves those too.
        await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = dead[..22] + "-data", Labels = labels });
        await using var live = await DockerLab.ConnectAsync("test-live-session");
        await Sleeper.RunAsync(live, $"live-{Guid.NewGuid():N}"[..13]);
        // No count before the next start: any lab connecting in a parallel test may already have removed them.
        await using var next = await DockerLab.ConnectAsync("test-next-start");

        Assert.Equal(0, await CountLeftAfterRemovalAsync(client, dead));
        Assert.Equal(1, await CountLabelled(client, live.SessionId));
        await live.CleanAsync();
    }

    [DockerFact]
    public async Task A_leftover_whose_pid_was_reused_by_another_process_is_removed_too()
    {
        using var client = new DockerClientBuilder().Build();
        var reused = $"reused-{Guid.NewGuid():N}";
        // pid 1 is always alive, but it started long after 2000: the owner of this container is gone and its pid reused.
        var labels = new Dictionary<string, string>
        {
            [LabLabels.Session] = reused,
            [LabLabels.Lesson] = "ghost",
            [LabLabels.OwnerPid] = "1",
            [LabLabels.OwnerHost] = Environment.MachineName,
            [LabLabels.OwnerStarted] = "2000-01-01T00:00:00Z",
        };
        var container = $"reused-{Guid.NewGuid():N}"[..20];
        await client.Containers.CreateContainerAsync(new CreateContainerParameters { Name = container, Image = LabImages.Base, Labels = labels, Cmd = ["true"] });
        await using var lab = await DockerLab.ConnectAsync("test-reused-pid");

        Assert.Equal(0, await CountLeftAfterRemovalAsync(client, reused));
        // This process's own resources carry its real start time, so they are never taken for a stranger's.
        var name = $"own-{Guid.NewGuid():N}"[..13];
        await Sleeper.RunAsync(lab, name);
        var own = await client.Containers.InspectContainerAsync(name);
        Assert.Equal(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            own.Config.Labels[LabLabels.OwnerStarted]);
        await using var next = await DockerLab.ConnectAsync("test-reused-pid-next");
        Assert.Equal(1, await CountLabelled(client, lab.SessionId));
        await lab.CleanAsync();
    }

    [DockerFact]
    public async Task Base_image_is_seeded_from_the_host_busybox_when_no_registry_answers()
    {
        await using var lab = await DockerLab.ConnectAsync("test-seed");
        const string tag = "busybox:courseware-seed-test";
        using var client = new DockerClientBuilder().Build();
        try
        {
            var how = await lab.EnsureImageAsync(tag);
            Assert.Equal("seeded from the host's static busybox", how);
            var image = await client.Images.InspectImageAsync(tag);
            Assert.Equal("local-busybox", image.Config!.Labels![LabLabels.Seeded]);
            var box = await lab.RunAsync(tag, name: $"seeded-{Guid.NewGuid():N}"[..15], command: ["sleep", "600"]);
            var ls = await lab.ExecAsync(box.Name, "sh", "-c", "httpd --help 2>&1 | head -1; which ping nslookup");
            Assert.Contains("/bin/ping", ls.Stdout);
            Assert.Equal("present", await lab.EnsureImageAsync(tag));
        }
        finally
        {
            await lab.CleanAsync();
            await client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true });
        }
    }
}
