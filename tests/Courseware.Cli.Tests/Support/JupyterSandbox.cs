using System.Diagnostics;
using System.Text;

namespace Courseware.Cli.Tests.Support;

/// <summary>
/// A private Jupyter set-up for one test: the courseware kernelspec installed with <c>courseware kernel install
/// --prefix</c> into a temporary folder, which JUPYTER_PATH points at, and temporary runtime, data and config folders,
/// so no test reads or writes the user's own (the rootless CI leg runs as a user whose home is not root's).
/// </summary>
public sealed class JupyterSandbox : IDisposable
{
    private JupyterSandbox(string root) => Root = root;

    public string Root { get; }

    public string KernelSpecFolder => Path.Combine(Root, "share", "jupyter", "kernels", "courseware-csharp");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["JUPYTER_PATH"] = Path.Combine(Root, "share", "jupyter"),
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
        ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
        ["IPYTHONDIR"] = Path.Combine(Root, "ipython"),
        ["DOTNET_NOLOGO"] = "1",
    };

    public static async Task<JupyterSandbox> CreateAsync()
    {
        var sandbox = new JupyterSandbox(Directory.CreateTempSubdirectory("courseware-jupyter-").FullName);
        var install = await CoursewareProcess.RunAsync(["kernel", "install", "--prefix", sandbox.Root], timeout: TimeSpan.FromMinutes(1));
        Assert.True(install.ExitCode == 0, install.ToString());
        return sandbox;
    }

    /// <summary>The system Python (Debian's Jupyter packages) with this sandbox's environment; killed, with its kernel, after <paramref name="timeout"/>.</summary>
    public async Task<(int Exit, string Output, string Error)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in Environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await ProcessDeadline.WaitAsync(process, timeout, $"{file} {string.Join(' ', args)}", async () => $"{await output}\n{await error}");
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A kernel that is still exiting may hold its connection file a moment longer; /tmp is cleaned anyway.
        }
    }
}
