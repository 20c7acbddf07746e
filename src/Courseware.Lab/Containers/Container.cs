namespace Courseware.Lab;

/// <summary>A container <see cref="DockerLab.RunAsync(string, RunOptions?, CancellationToken)"/> started: what docker run printed, and what you asked for.</summary>
public sealed record Container(string Id, string Name, string Image, string CommandLine, IReadOnlyList<PortBindingInfo> Ports)
{
    public string ShortId => CliTwin.ShortId(Id);

    /// <summary>The host port the engine bound for a container port (the one you chose, or the random one it picked).</summary>
    public int HostPort(int containerPort, string protocol = "tcp") => PublishedBinding(containerPort, protocol).HostPort!.Value;

    /// <summary>Like <see cref="Binding"/>, but a container port that is not published is an error that says how to publish it.</summary>
    internal PortBindingInfo PublishedBinding(int containerPort, string protocol = "tcp") =>
        Binding(containerPort, protocol)
        ?? throw new LabException(
            $"Container '{Name}' publishes no host port for {containerPort}/{protocol}.",
            $"Run it with -p HOST:{containerPort} (or -p {containerPort} for a random host port, or -P if the image EXPOSEs it).");

    /// <summary>
    /// The binding a client on this host uses for a container port. IPv4 first: the engine may give the IPv6 side of
    /// a random publication another port, and an IPv6 literal is not a valid origin everywhere (a browser's CSP).
    /// </summary>
    internal PortBindingInfo? Binding(int containerPort, string protocol = "tcp") =>
        Ports.Where(p => p.ContainerPort == containerPort && p.Protocol == protocol && p.HostPort is not null)
            .OrderBy(p => p.ConnectAddress.Contains(':') ? 1 : 0)
            .FirstOrDefault();

    public override string ToString() => $"{Name} ({ShortId}) from {Image}" + (Ports.Count == 0 ? "" : ": " + string.Join(", ", Ports));
}
