using System.Text.Json.Nodes;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// The kernelspec that lets Jupyter front ends start <c>courseware kernel</c>: <c>kernel.json</c> and two logos in a
/// folder named <see cref="Name"/> under a Jupyter data folder's <c>kernels/</c>, where jupyter_client, JupyterLab
/// and VS Code's Jupyter extension look (no Python needed to write it). Never <c>.net-csharp</c>: that name is the
/// official kernel's, which the notebooks' metadata keeps naming for Polyglot.
/// </summary>
public static class KernelSpec
{
    public const string Name = "courseware-csharp";
    public const string DisplayName = "C# (Courseware)";

    /// <summary><c>--user</c>: jupyter_core's user data folder (JUPYTER_DATA_DIR when set); <c>--prefix DIR</c>: DIR/share/jupyter.</summary>
    public static string KernelsFolder(string? prefix) =>
        prefix is not null ? Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels") : Path.Combine(UserDataFolder(), "kernels");

    private static string UserDataFolder()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } set) return set;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows()) return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    /// <summary>Writes the kernelspec (replacing an earlier one) and returns its folder.</summary>
    public static string Install(string? prefix)
    {
        var folder = Path.Combine(KernelsFolder(prefix), Name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "kernel.json"), KernelJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        foreach (var logo in new[] { "logo-32x32.png", "logo-64x64.png" })
        {
            using var source = typeof(KernelSpec).Assembly.GetManifestResourceStream("kernel." + logo)!;
            using var target = File.Create(Path.Combine(folder, logo));
            source.CopyTo(target);
        }
        return folder;
    }

    /// <summary>Removes the kernelspec; false when there was none.</summary>
    public static bool Uninstall(string? prefix)
    {
        var folder = Path.Combine(KernelsFolder(prefix), Name);
        if (!Directory.Exists(folder)) return false;
        Directory.Delete(folder, recursive: true);
        return true;
    }

    /// <summary>
    /// argv starts this very runner (build/cli/courseware once published), so the kernel a notebook gets is the one
    /// the lessons were tested with. interrupt_mode message: interrupts come as interrupt_request on the control
    /// channel, which works the same on every OS (no SIGINT into a .NET process).
    /// </summary>
    public static JsonObject KernelJson()
    {
        var process = Environment.ProcessPath ?? "courseware";
        JsonArray argv = Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(KernelSpec).Assembly.Location]
            : [process];
        foreach (var arg in new[] { "kernel", "--connection-file", "{connection_file}" }) argv.Add(arg);
        return new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = KernelInfo.LanguageName,
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
    }
}
