using System.Runtime.InteropServices;

namespace Courseware.Bench.Harness;

/// <summary>The machine line every report starts with.</summary>
public static class Machine
{
    public static async Task<IReadOnlyList<(string Key, string Value)>> DescribeAsync(string repoRoot)
    {
        async Task<string> Run(string file, params string[] args)
        {
            try
            {
                var r = await Shell.RunAsync(file, args, repoRoot, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
                return r.ExitCode == 0 ? r.Stdout.Trim() : $"(exit {r.ExitCode})";
            }
            catch (Exception e) { return $"({e.Message})"; }
        }
        var mem = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "?"
            : RuntimeInformation.OSDescription;
        return
        [
            ("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            ("nproc", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("cpu", cpu),
            ("memory", mem is null ? "?" : $"{long.Parse(mem, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024.0:0.0} GiB"),
            ("os", os),
            ("kernel", await Run("uname", "-r").ConfigureAwait(false)),
            ("docker", await Run("docker", "version", "--format", "client {{.Client.Version}}, engine {{.Server.Version}} (API {{.Server.APIVersion}})").ConfigureAwait(false)),
            ("dotnet --version", await Run("dotnet", "--version").ConfigureAwait(false)),
            ("runtime", RuntimeInformation.FrameworkDescription),
            ("git", await Run("git", "log", "-1", "--format=%h %s").ConfigureAwait(false)),
            ("load average at start", BenchContext.LoadAverage()),
        ];
    }
}
