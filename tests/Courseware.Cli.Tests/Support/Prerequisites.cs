using System.Diagnostics;
using System.Net.Sockets;
using Xunit.Sdk;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// What some tests need from the machine. Outside CI a missing prerequisite skips the test with the reason; in CI
/// (CI=true) the test runs anyway and fails, so a broken CI machine never passes by skipping.
/// </summary>
public static class Prerequisites
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string SystemPython = "/usr/bin/python3";
    public const string Chromium = "/usr/bin/chromium";

    private static readonly Lazy<string?> NbformatProblem = new(() =>
    {
        if (!File.Exists(SystemPython)) return $"{SystemPython} is missing (apt-get install python3-nbformat)";
        var (exit, _, error) = Run(SystemPython, ["-c", "import nbformat"]);
        return exit == 0 ? null : $"python3-nbformat is not installed for {SystemPython} (apt-get install python3-nbformat): {error.Trim()}";
    });

    private static readonly Lazy<string?> ChromiumProblem = new(() =>
        File.Exists(Chromium) ? null : $"{Chromium} is missing (apt-get install chromium)");

    private static readonly Lazy<string?> DockerProblem = new(() =>
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (host is not null && !host.StartsWith("unix://", StringComparison.Ordinal)) return null; // let the test find out
        var socketPath = host is null ? "/var/run/docker.sock" : host["unix://".Length..];
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return null;
        }
        catch (SocketException e)
        {
            return $"no Docker engine answers at {socketPath} ({e.Message}); run scripts/ensure-docker.sh";
        }
    });

    public static string? Nbformat => NbformatProblem.Value;
    public static string? Browser => ChromiumProblem.Value;
    public static string? Docker => DockerProblem.Value;

    internal static string? SkipReason(string? problem) =>
        problem is null || InCi ? null : problem + ". In CI (CI=true) this test fails instead of skipping.";

    internal static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

public sealed class NbformatFactAttribute : FactAttribute
{
    public NbformatFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Nbformat);
}

public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Browser);
}

/// <summary>A test that needs the Docker engine; carries the trait Needs=Docker (<see cref="Courseware.Tests.DockerTraitDiscoverer"/>).</summary>
[TraitDiscoverer("Courseware.Tests.DockerTraitDiscoverer", "Courseware.Cli.Tests")]
public sealed class DockerFactAttribute : FactAttribute, ITraitAttribute
{
    public DockerFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Docker);
}
