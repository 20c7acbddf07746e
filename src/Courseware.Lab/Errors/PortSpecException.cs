namespace Courseware.Lab;

/// <summary>A -p value docker would reject. Thrown before anything is created.</summary>
public sealed class PortSpecException(string spec, string reason)
    : LabException(
        $"'{spec}' is not a valid port publication: {reason}.",
        "Write it as docker run -p does: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. 8080:80, 127.0.0.1:8080:80, 80, 8080:80/udp.")
{
    public string Spec { get; } = spec;
    public string Reason { get; } = reason;
    public override string Title => "Invalid port publication";
}
