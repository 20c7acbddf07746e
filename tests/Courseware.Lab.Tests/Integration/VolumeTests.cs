using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary><c>docker volume create | ls | rm</c>: a volume of this session is listed until it is removed, once.</summary>
public sealed class VolumeTests : LabTest
{
    [DockerFact]
    public async Task A_created_volume_is_listed_until_removed()
    {
        var name = Unique("data");

        Assert.Equal(name, await Lab.Volume.CreateAsync(name));
        Assert.Contains(name, await Lab.Volume.LsAsync());

        Assert.True(await Lab.Volume.RmAsync(name));
        Assert.DoesNotContain(name, await Lab.Volume.LsAsync());
        Assert.False(await Lab.Volume.RmAsync(name));
    }

    [DockerFact]
    public async Task A_volume_in_use_is_refused_with_the_container_to_remove()
    {
        var name = Unique("data");
        await Lab.Volume.CreateAsync(name);
        await Sleeper.RunAsync(Lab, Unique("user"), new RunOptions { Volumes = [$"{name}:/data"] });

        var refused = await Assert.ThrowsAsync<LabException>(() => Lab.Volume.RmAsync(name));

        Assert.Equal($"Volume '{name}' is in use.", refused.Problem);
        Assert.Contains(name, await Lab.Volume.LsAsync());
    }
}
