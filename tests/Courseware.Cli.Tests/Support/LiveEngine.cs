using System.Globalization;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// The engine the tests talk to, as `docker info` describes it. Lesson tests take their engine-dependent expectations
/// from here, never from the name of a CI leg, so a run by hand on any engine checks the right outcome.
/// </summary>
public sealed record LiveEngine(int Major, bool IsRootless)
{
    private static readonly Lazy<LiveEngine> Current = new(() =>
    {
        var (exit, output, error) = Prerequisites.Run("docker", ["info", "--format", "{{.ServerVersion}}|{{range .SecurityOptions}}{{.}} {{end}}"]);
        if (exit != 0) throw new InvalidOperationException($"docker info failed: {error}");
        var parts = output.Trim().Split('|');
        return new LiveEngine(int.Parse(parts[0].Split('.')[0], CultureInfo.InvariantCulture), parts[1].Contains("name=rootless", StringComparison.Ordinal));
    });

    public static LiveEngine Get() => Current.Value;

    /// <summary>Engines before 25.0 give containers on an --internal network a default route (moby/moby#46603 removed it).</summary>
    public bool InternalNetworksHaveADefaultRoute => Major < 25;
}
