using System.Text.Json.Nodes;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Jupyter;

/// <summary>`courseware kernel install / uninstall`: the kernelspec Jupyter front ends read, written without Python.</summary>
public sealed class KernelSpecTests
{
    [Fact]
    public async Task Install_writes_the_courseware_kernelspec_with_logos_and_uninstall_removes_it()
    {
        using var sandbox = await JupyterSandbox.CreateAsync();

        var spec = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(sandbox.KernelSpecFolder, "kernel.json")))!;
        Assert.Equal("C# (Courseware)", (string?)spec["display_name"]);
        Assert.Equal("C#", (string?)spec["language"]);
        Assert.Equal("message", (string?)spec["interrupt_mode"]);
        var argv = spec["argv"]!.AsArray().Select(a => (string)a!).ToList();
        // This very runner (here: dotnet courseware.dll beside the tests), then the kernel command.
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "courseware.dll"), argv[^4]);
        Assert.Equal(["kernel", "--connection-file", "{connection_file}"], argv[^3..]);
        foreach (var (logo, size) in new[] { ("logo-32x32.png", 32), ("logo-64x64.png", 64) })
        {
            var png = File.ReadAllBytes(Path.Combine(sandbox.KernelSpecFolder, logo));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            // IHDR: width and height, big-endian, at bytes 16 and 20.
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }

        var uninstall = await CoursewareProcess.RunAsync(["kernel", "uninstall", "--prefix", sandbox.Root]);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(Directory.Exists(sandbox.KernelSpecFolder));
        var again = await CoursewareProcess.RunAsync(["kernel", "uninstall", "--prefix", sandbox.Root]);
        Assert.Contains("nothing to remove", again.Output);
    }

    [JupyterClientFact]
    public async Task Jupyter_lists_the_installed_kernelspec()
    {
        using var sandbox = await JupyterSandbox.CreateAsync();
        var (exit, output, error) = await sandbox.RunAsync(Prerequisites.SystemPython,
            ["-c", "import json, jupyter_client.kernelspec as k; s = k.KernelSpecManager().get_kernel_spec('courseware-csharp'); print(json.dumps({'name': s.display_name, 'language': s.language, 'interrupt_mode': s.interrupt_mode}))"],
            sandbox.Root, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output + error);
        Assert.Equal("""{"name": "C# (Courseware)", "language": "C#", "interrupt_mode": "message"}""", output.Trim());
    }

    [Fact]
    public async Task A_connection_file_that_is_missing_is_a_usage_error_with_the_reason()
    {
        var run = await CoursewareProcess.RunAsync(["kernel", "--connection-file", "/nonexistent/kernel-1.json"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read the connection file /nonexistent/kernel-1.json", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
