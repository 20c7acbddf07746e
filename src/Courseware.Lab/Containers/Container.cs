namespace Courseware.Lab;

/// <summary>A container <see cref="Lab.RunAsync(string, RunOptions?, CancellationToken)"/> started: what docker run printed, and what you asked for.</summary>
public sealed record Container(string Id, string Name, string Image, string CommandLine, IReadOnlyList<PortBindingInfo> Ports)
{
    public string ShortId => Id[..Math.Min(12, Id.Length)];

    /// <summary>The host port the engine bound for a container port (the one you chose, or the random one it picked).</summary>
    public int HostPort(int containerPort, string protocol = "tcp") =>
        Ports.FirstOrDefault(p => p.ContainerPort == containerPort && p.Protocol == protocol && p.HostPort is not null)?.HostPort
        ?? throw new LabException(
            $"Container '{Name}' publishes no host port for {containerPort}/{protocol}.",
            $"Run it with -p HOST:{containerPort} (or -p {containerPort} for a random host port, or -P if the image EXPOSEs it).");

    public override string ToString() => $"{Name} ({ShortId}) from {Image}" + (Ports.Count == 0 ? "" : ": " + string.Join(", ", Ports));
}
