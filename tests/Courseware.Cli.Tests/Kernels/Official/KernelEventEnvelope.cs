using System.Text.Json;

namespace Courseware.Cli.Tests.Kernels;

/// <summary>One event the kernel sent: its type, the token of the command it belongs to, and its JSON body.</summary>
public sealed record KernelEventEnvelope(string EventType, string? CommandToken, JsonElement Event)
{
    public override string ToString() => $"{EventType} ({CommandToken})";
}
