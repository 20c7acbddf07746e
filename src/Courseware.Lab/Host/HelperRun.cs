namespace Courseware.Lab;

/// <summary>A started helper container and the docker command that started it.</summary>
internal sealed record HelperRun(string Id, IReadOnlyList<string> Command, IReadOnlyList<string> Shown, string CommandLine);
