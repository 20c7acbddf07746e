using System.Reflection;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// A verb handed the null a failed cell left names the variable and the step to re-run (the README's promise), for
/// every public verb that takes an object an earlier cell made; a reflection test keeps the list complete.
/// </summary>
public sealed class EarlierStepNullTests : LabTest
{
    /// <summary>The objects only an earlier cell makes (options records are optional and may be null).</summary>
    private static readonly Type[] MadeByAnEarlierCell = [typeof(Container), typeof(ContainerDetails), typeof(LanNeighbour)];

    private static readonly string[] Covered =
    [
        "DockerLab.HttpGetAsync(Container)", "DockerLab.UrlOf(Container)", "DockerLab.WaitForHttpAsync(Container)",
        "DockerLab.TryFromNeighbourAsync(LanNeighbour)", "DockerLab.BlockIncomingFromAsync(LanNeighbour)", "DockerLab.LimitPublishedPortAsync(LanNeighbour)",
        "Check.ServesAsync(ContainerDetails)",
        "LanExposureReport.From(LanNeighbour)", "LanExposure.SeenOrExpected(LanNeighbour)", "PortChecks.RequestedHostPort(ContainerDetails)",
    ];

    [Fact]
    public void Every_verb_taking_an_object_from_an_earlier_cell_is_covered()
    {
        // The records' own members (Equals, ==) compare two of them: not verbs. An optional one (DropForwardedAsync's
        // neighbour) may be null on purpose.
        var takers = typeof(DockerLab).Assembly.GetExportedTypes().Except(MadeByAnEarlierCell)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName)
            .SelectMany(m => m.GetParameters().Where(p => !p.IsOptional && MadeByAnEarlierCell.Contains(p.ParameterType)).Select(p => $"{m.DeclaringType!.Name}.{m.Name}({p.ParameterType.Name})"))
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(Covered.Order(StringComparer.Ordinal), takers);
    }

    [DockerFact]
    public async Task Each_names_the_null_variable_and_the_step_that_makes_it()
    {
        Container web = null!;
        LanNeighbour neighbour = null!;
        ContainerDetails details = null!;
        const string StartsIt = "`web` is null: the cell that starts it (docker.RunAsync) failed or has not run yet.";
        const string AddsIt = "`neighbour` is null: the cell that adds it (docker.AddLanNeighbourAsync) failed or has not run yet.";

        Assert.Equal(StartsIt, (await Assert.ThrowsAsync<EarlierStepNotRunException>(() => Lab.HttpGetAsync(web))).Problem);
        Assert.Equal(StartsIt, Assert.Throws<EarlierStepNotRunException>(() => DockerLab.UrlOf(web)).Problem);
        Assert.Equal(StartsIt, (await Assert.ThrowsAsync<EarlierStepNotRunException>(() => Lab.WaitForHttpAsync(web))).Problem);
        Assert.Equal(AddsIt, (await Assert.ThrowsAsync<EarlierStepNotRunException>(() => Lab.TryFromNeighbourAsync(neighbour, "the host", "10.250.0.1", 80))).Problem);
        Assert.Equal(AddsIt, (await Assert.ThrowsAsync<EarlierStepNotRunException>(() => Lab.BlockIncomingFromAsync(neighbour))).Problem);
        Assert.Equal(AddsIt, (await Assert.ThrowsAsync<EarlierStepNotRunException>(() => Lab.LimitPublishedPortAsync(8100, neighbour))).Problem);
        Assert.Equal(AddsIt, Assert.Throws<EarlierStepNotRunException>(() => LanExposureReport.From(Lab.Engine, neighbour, new Dictionary<Exposure, ReachResult>())).Problem);
        Assert.Equal(AddsIt, Assert.Throws<EarlierStepNotRunException>(() => LanExposure.SeenOrExpected(Lab.Engine, neighbour, new Dictionary<Exposure, ReachResult>(), Exposure.HostProgram)).Problem);

        // In a check cell the same hint is its ✗, with the fix.
        var check = await Lab.CheckAsync("serves", c => c.ServesAsync(details, "the exercise's hint"));
        Assert.False(check.Passed);
        Assert.StartsWith("`details` is null: the cell that inspects it (check.ContainerAsync or docker.InspectAsync) failed or has not run yet. Re-run that cell", check.Message);
        var requested = await Lab.CheckAsync("requested", c => { c.That(details.RequestedHostPort(80) == "", "the exercise's hint"); return Task.CompletedTask; });
        Assert.StartsWith("`details` is null: the cell that inspects it", requested.Message);
    }
}
