using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>The names Docker accepts for containers, networks, volumes and services, checked before asking the engine.</summary>
internal static partial class DockerNames
{
    public static bool IsValid(string? name) => !string.IsNullOrEmpty(name) && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex Pattern();
}
