using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// Re-running a cell replaces the course's container or network of that name, and only that one. The engine resolves a
/// reference it has no name for as an ID prefix, so without care `RunAsync(name: "db")` removed whichever container's ID
/// began with "db" (lesson 02's `client`, once in a CI run).
/// </summary>
public sealed class ReplaceByNameTests : LabTest
{
    [DockerFact]
    public async Task A_container_named_like_another_containers_id_prefix_leaves_that_container_alone()
    {
        var first = await Sleeper.RunAsync(Lab, Unique("first"));
        var lookalike = first.Id[..12];

        var second = await Sleeper.RunAsync(Lab, lookalike);

        Assert.True((await Lab.InspectAsync(first.Id)).Running);
        Assert.Equal(lookalike, (await Lab.InspectAsync(second.Id)).Name);
        // The same name again replaces the container that has it.
        var third = await Sleeper.RunAsync(Lab, lookalike);
        Assert.NotEqual(second.Id, third.Id);
        Assert.True((await Lab.InspectAsync(first.Id)).Running);
    }

    [DockerFact]
    public async Task A_network_named_like_another_networks_id_prefix_leaves_that_network_alone()
    {
        var first = await Lab.Network.CreateAsync(Unique("first"));
        var lookalike = first.Id[..12];

        var second = await Lab.Network.CreateAsync(lookalike);

        Assert.Equal(first.Name, (await Lab.Network.InspectAsync(first.Id)).Name);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(lookalike, second.Name);
    }
}
