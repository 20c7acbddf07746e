using System.Diagnostics;
using System.Net.Sockets;
using Xunit.Sdk;

namespace Courseware.Tests.Support;

/// <summary>
/// What some tests need from the machine. Outside CI a missing prerequisite skips the test with the reason; in CI
/// (CI=true) the test runs anyway and fails, so a broken CI machine never passes by skipping.
/// </summary>
public static class Prerequisites
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string SystemPython = "/usr/bin/python3";
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>An unprivileged account that exists on every Debian system: the "learner who is not in the docker group".</summary>
    public const string UnprivilegedUser = "nobody";

    private static readonly Lazy<string?> NbformatProblem = PythonModule("nbformat", "python3-nbformat");

    /// <summary>A Python module of Debian's Jupyter packages, importable by the system Python.</summary>
    private static Lazy<string?> PythonModule(string module, string package) => new(() =>
    {
        if (!File.Exists(SystemPython)) return $"{SystemPython} is missing (apt-get install {package})";
        var (exit, _, error) = Run(SystemPython, ["-c", $"import {module}"]);
        return exit == 0 ? null : $"{package} is not installed for {SystemPython} (apt-get install {package}): {error.Trim()}";
    });

    private static readonly Lazy<string?> JupyterClientProblem = PythonModule("jupyter_client", "python3-jupyter-client");
    private static readonly Lazy<string?> NotebookServerProblem = PythonModule("notebook.notebookapp", "jupyter-notebook");

    private static readonly Lazy<string?> ChromiumProblem = new(() =>
        File.Exists(Chromium) ? null : $"{Chromium} is missing (apt-get install chromium)");

    public const string PdfToText = "/usr/bin/pdftotext";
    public const string Nbconvert = "/usr/bin/jupyter-nbconvert";

    private static readonly Lazy<string?> PopplerProblem = new(() =>
        File.Exists(PdfToText) ? null : $"{PdfToText} is missing (apt-get install poppler-utils)");

    private static readonly Lazy<string?> NbconvertProblem = new(() =>
        File.Exists(Nbconvert) ? null : $"{Nbconvert} is missing (apt-get install jupyter-nbconvert)");

    private static readonly Lazy<string?> DockerProblem = new(() =>
    {
        if (EngineSocket.UnixPath is not { } socketPath) return null; // a tcp:// DOCKER_HOST: let the test find out
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

    private static readonly Lazy<bool> RootlessEngine = new(() =>
    {
        var (exit, output, _) = DockerCli.Run("info", "--format", "{{json .SecurityOptions}}");
        return exit == 0 && output.Contains("name=rootless", StringComparison.Ordinal);
    });

    /// <summary>The engine the tests talk to is rootless (docker info's SecurityOptions say so).</summary>
    public static bool EngineIsRootless => RootlessEngine.Value;

    // Root can switch to an unprivileged user (runuser) and mount a small file system: the real non-root learner and
    // the real full disk. CI runs as root.
    private static readonly Lazy<string?> RootProblem = new(() =>
        !OperatingSystem.IsLinux() ? "needs Linux" :
        Environment.UserName != "root" ? "needs root (to run as the unprivileged user 'nobody' and to mount a small tmpfs)" :
        File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") ? null : "runuser is missing (util-linux)");

    public const string PodmanPath = "/usr/bin/podman";

    // Podman's Docker-compatible service, rootful (its storage and networks in a temp folder of the test's own).
    private static readonly Lazy<string?> PodmanProblem = new(() =>
        RootProblem.Value ?? (File.Exists(PodmanPath) ? null : $"{PodmanPath} is missing (apt-get install podman; scripts/ensure-test-deps.sh installs it)"));

    public const string DockerdPath = "/usr/sbin/dockerd";
    public const string UnsharePath = "/usr/bin/unshare";

    // A second dockerd of the test's own (on a small tmpfs, in a network namespace of its own): root, the installed
    // dockerd (scripts/ensure-docker.sh installs docker.io) and util-linux's unshare.
    private static readonly Lazy<string?> ScratchEngineProblem = new(() =>
        RootProblem.Value
        ?? (File.Exists(DockerdPath) ? null : $"{DockerdPath} is missing (apt-get install docker.io; scripts/ensure-docker.sh installs it)")
        ?? (File.Exists(UnsharePath) ? null : $"{UnsharePath} is missing (util-linux)"));

    // Restarting the engine: root restarts the rootful one; the rootless engine's own user restarts that one.
    private static readonly Lazy<string?> EngineRestartProblem = new(() =>
        DockerProblem.Value ?? (Environment.UserName == "root" || EngineIsRootless ? null
            : "needs root to restart the rootful engine (scripts/use-engine.sh restart)"));

    public static string? Nbformat => NbformatProblem.Value;
    public static string? JupyterClient => JupyterClientProblem.Value;
    public static string? NotebookServer => NotebookServerProblem.Value ?? ChromiumProblem.Value;
    public static string? EngineRestart => EngineRestartProblem.Value;
    public static string? Browser => ChromiumProblem.Value;
    /// <summary>Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm), which read the PDFs the tests make.</summary>
    public static string? Poppler => PopplerProblem.Value;
    /// <summary>Debian's jupyter-nbconvert, the exporter other people run on our executed notebooks.</summary>
    public static string? JupyterNbconvert => NbconvertProblem.Value;
    public static string? Docker => DockerProblem.Value;
    public static string? Root => RootProblem.Value;
    /// <summary>Debian's podman, run as root: an engine that answers Docker's API but is not Docker.</summary>
    public static string? Podman => PodmanProblem.Value;
    /// <summary>A dockerd of the test's own beside the machine's engine (root, the installed dockerd, unshare).</summary>
    public static string? ScratchEngine => ScratchEngineProblem.Value;

    public static string? SkipReason(string? problem) =>
        problem is null || InCi ? null : problem + ". In CI (CI=true) this test fails instead of skipping.";

    public static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> args, string? workingDirectory = null)
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
