using Docker.DotNet.Models;

namespace Courseware.Lab;

internal static class PortBindingsBuilder
{
    /// <summary>
    /// Fills ExposedPorts and HostConfig.PortBindings exactly as the docker CLI does for the same -p flags
    /// (nat.ParsePortSpecs): one binding per -p and container port, appended in order, duplicates kept.
    /// </summary>
    public static void ApplyTo(this IEnumerable<PortPublication> publications, CreateContainerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(publications);
        ArgumentNullException.ThrowIfNull(parameters);
        // Validate everything first so a bad entry leaves the parameters untouched.
        var mappings = publications.SelectMany(p => Expand(p.Validated())).ToList();

        parameters.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
        parameters.HostConfig ??= new HostConfig();
        parameters.HostConfig.PortBindings ??= new Dictionary<string, IList<PortBinding>>();
        var bindings = parameters.HostConfig.PortBindings;

        foreach (var (port, binding) in mappings)
        {
            parameters.ExposedPorts.TryAdd(port, default);
            if (!bindings.TryGetValue(port, out var list) || list.IsReadOnly)
                bindings[port] = list = new List<PortBinding>(list ?? []);
            list.Add(binding);
        }
    }

    private static IEnumerable<(string Port, PortBinding Binding)> Expand(PortPublication p)
    {
        var hostIp = p.HostIp ?? "";
        var hostIsRange = p.HostPortStart != p.HostPortEnd;
        var writtenHostPort = p.HostPortEnd != 0 || p.ZeroHostPortWritten;
        for (var i = 0; i <= p.ContainerPortEnd - p.ContainerPortStart; i++)
        {
            // A host range against one container port travels as "8000-8010"; the engine picks one free port.
            var hostPort = !writtenHostPort ? ""
                : p.ContainerPortStart == p.ContainerPortEnd && hostIsRange ? $"{p.HostPortStart}-{p.HostPortEnd}"
                : $"{p.HostPortStart + i}";
            yield return ($"{p.ContainerPortStart + i}/{p.Protocol}", new PortBinding { HostIP = hostIp, HostPort = hostPort });
        }
    }
}
