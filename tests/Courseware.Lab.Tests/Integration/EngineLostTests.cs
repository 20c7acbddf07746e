using Courseware.Lab.Tests.Support;

namespace Courseware.Lab.Tests.Integration;

/// <summary>
/// The engine goes away between two cells and comes back. The lab talks to the real engine through a socket this
/// test owns and forwards; closing it is the engine's socket disappearing as in a restart. The next call says what
/// happened (typed, with the fix); once the socket is back, the same lab answers again without reconnecting.
/// </summary>
public sealed class EngineLostTests
{
    [DockerFact]
    public async Task A_call_while_the_engine_is_gone_says_so_and_the_same_lab_works_again_when_it_is_back()
    {
        var engineSocket = EngineSocket.UnixPath ?? EngineSocket.DefaultPath;
        var path = Path.Combine(Path.GetTempPath(), $"cw-lost-{Guid.NewGuid():N}.sock");
        var endpoint = "unix://" + path;

        var forwarder = SocketForwarder.Start(path, engineSocket);
        await using var lab = await DockerLab.ConnectAsync("test-engine-lost", new LabOptions { Endpoint = endpoint, RemoveLeftovers = false });
        Assert.Empty(await lab.PsAsync()); // this fresh session has started nothing

        forwarder.Dispose(); // the engine's socket is gone
        var e = await Assert.ThrowsAsync<EngineUnreachableException>(() => lab.PsAsync());

        Assert.Equal(EngineFault.NotRunning, e.Fault);
        Assert.StartsWith("The engine answered earlier in this session but no longer does: it stopped or is restarting.", e.Problem);
        Assert.Contains(path, e.Problem);
        Assert.Contains("re-run the cells from the one that starts your containers", e.Fix);

        using (SocketForwarder.Start(path, engineSocket)) // back
            Assert.Empty(await lab.PsAsync());
    }
}
