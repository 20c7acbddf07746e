namespace Courseware.Lab;

/// <summary>One line of <c>docker ps</c>.</summary>
public sealed record PsRow(
    string Id,
    string Image,
    string Command,
    DateTimeOffset Created,
    string Status,
    string State,
    IReadOnlyList<PortBindingInfo> Ports,
    string Names,
    string? Lesson)
{
    public string ShortId => CliTwin.ShortId(Id);

    /// <summary>The PORTS column, exactly as docker ps prints it.</summary>
    public string PortsText => string.Join(", ", Ports.Select(p => p.ToDockerPs()));

    public override string ToString() => $"{ShortId}  {Image}  {Command}  {Status}  {PortsText}  {Names}";
}
