using System.Globalization;
using System.Text.Json;

namespace Courseware.Lab;

/// <summary>
/// Check verbs about who may open a port: what a container's <c>-p</c> asked Docker for, and which addresses a program
/// listens on. Both read the engine (inspect, exec), so an exercise solved in a terminal is judged the same way.
/// </summary>
public static class PortChecks
{
    /// <summary>
    /// The host port a container's <c>-p</c> asked for (HostConfig.PortBindings in <c>docker inspect</c>): "" when the
    /// spec named no host port, so Docker chose one; null when that container port was not published. The bound ports
    /// (NetworkSettings.Ports) cannot tell a port Docker chose from one written by hand.
    /// </summary>
    public static string? RequestedHostPort(this ContainerDetails container, int containerPort, string protocol = "tcp",
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(container))] string? containerExpression = null)
    {
        container = EarlierStep.Details(container, containerExpression);
        using var document = JsonDocument.Parse(container.RawJson);
        // docker inspect prints an array of one; the engine's own answer is the object.
        var root = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        if (!root.TryGetProperty("HostConfig", out var hostConfig)
            || !hostConfig.TryGetProperty("PortBindings", out var requested) || requested.ValueKind != JsonValueKind.Object
            || !requested.TryGetProperty($"{containerPort.ToString(CultureInfo.InvariantCulture)}/{protocol}", out var bindings)
            || bindings.ValueKind != JsonValueKind.Array || bindings.GetArrayLength() == 0)
            return null;
        return bindings[0].TryGetProperty("HostPort", out var hostPort) ? hostPort.GetString() ?? "" : "";
    }

    /// <summary>
    /// <c>docker exec CONTAINER netstat -ltn</c>: the local addresses a TCP listener on <paramref name="port"/> is bound
    /// to in the container's network namespace (the host's own, for a <c>--network host</c> container), e.g.
    /// "127.0.0.1", "0.0.0.0" or "::"; empty when nothing listens there.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ListenAddressesAsync(this Check check, string container, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var netstat = await check.Docker.ExecAsync(container, ["netstat", "-ltn"], cancellationToken).ConfigureAwait(false);
        return ListenAddresses(netstat.Stdout, port);
    }

    /// <summary>The local addresses of netstat -ltn's LISTEN lines for this port ("127.0.0.1:8107" → "127.0.0.1", ":::8107" → "::").</summary>
    internal static IReadOnlyList<string> ListenAddresses(string netstat, int port)
    {
        var suffix = ":" + port.ToString(CultureInfo.InvariantCulture);
        return netstat.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[0].StartsWith("tcp", StringComparison.Ordinal) && f[^1] == "LISTEN" && f[3].EndsWith(suffix, StringComparison.Ordinal))
            .Select(f => f[3][..^suffix.Length])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
