using System.Globalization;
using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary><c>docker inspect CONTAINER</c>: the IP per network, the actual port bindings, the state; RawJson for the rest.</summary>
    public async Task<ContainerDetails> InspectAsync(string container, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(container))] string? containerExpression = null)
    {
        EarlierStep.Name(container, containerExpression);
        var r = await Session.InspectOrNullAsync($"docker inspect {container}", () => Client.Containers.InspectContainerAsync(container, cancellationToken)).ConfigureAwait(false)
            ?? throw NoSuchContainer(container);
        var networks = (r.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => new NetworkAttachment(n.Key, n.Value.IPAddress ?? "", n.Value.IPPrefixLen, n.Value.Gateway ?? "", n.Value.MacAddress ?? "",
                (n.Value.Aliases ?? []).Concat(n.Value.DNSNames ?? []).Distinct().ToList()))
            .ToList();
        var started = DateTimeOffset.TryParse(r.State?.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) && s.Year > 1 ? s : (DateTimeOffset?)null;
        return new ContainerDetails(
            r.ID,
            r.Name.TrimStart('/'),
            r.Config?.Image ?? "",
            r.Image ?? "",
            r.State?.Status ?? "unknown",
            r.State?.Running ?? false,
            r.State?.ExitCode ?? 0,
            started,
            r.Config?.Tty ?? false,
            r.HostConfig?.NetworkMode ?? "",
            networks,
            PortBindingInfo.FromNetworkSettings(r.NetworkSettings?.Ports),
            new Dictionary<string, string>(r.Config?.Labels ?? new Dictionary<string, string>()),
            await Session.RawInspectAsync($"containers/{r.ID}/json", r, cancellationToken).ConfigureAwait(false));
    }
}
