namespace Courseware.Lab;

/// <summary>A -p value docker would reject. Thrown before anything is created.</summary>
public sealed class PortSpecException : LabException
{
    internal PortSpecException(string spec, string reason)
        : base(
            $"'{spec}' is not a valid port publication: {reason}.",
            "Write it as docker run -p does: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. 8080:80, 127.0.0.1:8080:80, 80, 8080:80/udp.")
    {
        Spec = spec;
        Reason = reason;
    }

    internal string Spec { get; }
    internal string Reason { get; }
    public override string Title => "Invalid port publication";
}
