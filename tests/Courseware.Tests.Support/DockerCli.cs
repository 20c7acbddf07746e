using System.Diagnostics;
using Xunit;

namespace Courseware.Tests.Support;

/// <summary>
/// The docker CLI against the engine the tests use, for what a test checks from outside the library (what is left,
/// what the CLI itself says) or changes behind its back.
/// </summary>
public static class DockerCli
{
    /// <summary><c>docker ARGS</c>: exit code, stdout and stderr.</summary>
    public static (int Exit, string Output, string Error) Run(params string[] args) => Run(args, apiVersion: null);

    /// <param name="apiVersion">DOCKER_API_VERSION, to ask at the API version the library uses; null for the CLI's own.</param>
    public static (int Exit, string Output, string Error) Run(IReadOnlyList<string> args, string? apiVersion) => Start("docker", args, apiVersion);

    /// <summary>A docker command line as a learner pastes it into a terminal (<c>sh -c</c>), which must succeed; its stdout.</summary>
    public static string ShellOk(string commandLine, string? apiVersion)
    {
        var (exit, output, error) = Start("sh", ["-c", commandLine], apiVersion);
        Assert.True(exit == 0, $"{commandLine} failed (exit {exit}): {output}{error}");
        return output;
    }

    private static (int Exit, string Output, string Error) Start(string program, IReadOnlyList<string> args, string? apiVersion)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (apiVersion is not null) start.Environment["DOCKER_API_VERSION"] = apiVersion;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary><c>docker ARGS</c>, which must succeed (the test fails with its stderr otherwise); its stdout.</summary>
    public static string Ok(params string[] args) => Ok(args, apiVersion: null);

    public static string Ok(IReadOnlyList<string> args, string? apiVersion)
    {
        var (exit, output, error) = Run(args, apiVersion);
        Assert.True(exit == 0, $"docker {string.Join(' ', args)} failed (exit {exit}): {output}{error}");
        return output;
    }
}
