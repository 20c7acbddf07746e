using System.Diagnostics.CodeAnalysis;

namespace Courseware.Lab;

/// <summary>
/// What a check cell's body gets: the engine to look at, and the two words a check needs — <see cref="Verified"/> for a
/// fact it confirmed, <see cref="That"/> (or <see cref="Fail"/>) for the hint when a fact is wrong. A check reads the
/// engine's real state (inspect, port, network inspect, exec), never the learner's variables, so it can be re-run at any
/// time and judges whatever the learner did, in a cell or in a terminal.
/// </summary>
public sealed class Check
{
    private readonly List<string> _verified = [];

    internal Check(DockerLab docker) => Docker = docker;

    public DockerLab Docker { get; }

    /// <summary>The facts confirmed so far, in order.</summary>
    internal IReadOnlyList<string> Facts => _verified;

    /// <summary>Records a fact the check confirmed; the ✓ line lists them.</summary>
    public void Verified(string fact) => _verified.Add(fact);

    /// <summary>Ends the check with ✗ and <paramref name="hint"/> unless <paramref name="condition"/> holds.</summary>
    public void That([DoesNotReturnIf(false)] bool condition, string hint)
    {
        if (!condition) throw new CheckFailedException(hint);
    }

    /// <summary>Ends the check with ✗ and <paramref name="hint"/>.</summary>
    [DoesNotReturn]
    public void Fail(string hint) => throw new CheckFailedException(hint);

    /// <summary>
    /// <c>docker inspect NAME</c> of a container that must exist and run. Missing, it fails with
    /// <paramref name="hintIfMissing"/> (by default: run your exercise cell); stopped, with its exit code.
    /// </summary>
    public async Task<ContainerDetails> ContainerAsync(string name, string? hintIfMissing = null, CancellationToken cancellationToken = default)
    {
        ContainerDetails? details = null;
        try
        {
            details = await Docker.InspectAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (NoSuchObjectException)
        {
            // Missing: the hint below. An engine that does not answer is no hint about the exercise: it leaves as itself.
        }
        // The engine also answers a name it lacks with a container whose ID starts with it: that is not the learner's.
        if (details is null || details.Name != name)
            throw new CheckFailedException(hintIfMissing ?? $"There is no container named '{name}' yet: run your exercise cell above (docker ps -a lists what exists).");
        That(details.Running, $"Container '{name}' exists but is {details.State} (exit code {details.ExitCode}): docker logs {name} says why; run your cell again.");
        return details;
    }

    /// <summary>
    /// <c>curl http://HOST:PORT/</c> through the host port the engine bound for <paramref name="containerPort"/>: waits a
    /// few seconds for a 2xx (a server just started may not listen yet) and records "GET url → 200 OK"; otherwise fails
    /// with <paramref name="hintIfNot"/>.
    /// </summary>
    public async Task<HttpResult> ServesAsync(ContainerDetails container, string hintIfNot, int containerPort = 80, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(container))] string? containerExpression = null)
    {
        container = EarlierStep.Details(container, containerExpression);
        var published = new Container(container.Id, container.Name, container.Image, "", container.Ports);
        That(published.Binding(containerPort) is not null, hintIfNot);
        try
        {
            var page = await Docker.WaitForHttpAsync(published, containerPort, timeout: TimeSpan.FromSeconds(5), cancellationToken: cancellationToken).ConfigureAwait(false);
            Verified($"GET {page.Url} → {page.StatusCode} {page.ReasonPhrase}");
            return page;
        }
        catch (LabException e) when (e is not EngineUnreachableException)
        {
            // Refused, no answer in time, the container exited or was removed: what the exercise's hint is about.
            throw new CheckFailedException(hintIfNot);
        }
    }

    /// <summary>
    /// <c>ss -ltn 'sport = :PORT'</c> on the machine this check runs on: the addresses a TCP service listens on at
    /// <paramref name="port"/>, whoever started it (a notebook cell, or <c>python3 -m http.server</c> in a terminal).
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> HostListeningAddresses(int port) =>
        System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
            .Where(e => e.Port == port).Select(e => e.Address).Distinct().ToList();

    /// <summary><c>docker network inspect NAME</c> of a network that must exist; missing, it fails with <paramref name="hintIfMissing"/>.</summary>
    public async Task<NetworkDetails> NetworkAsync(string name, string? hintIfMissing = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Docker.Network.InspectAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (NoSuchObjectException)
        {
            throw new CheckFailedException(hintIfMissing ?? $"There is no network named '{name}' yet: create it in your exercise cell (docker network create {name}).");
        }
    }
}
