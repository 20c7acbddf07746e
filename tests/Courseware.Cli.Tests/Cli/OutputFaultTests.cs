using System.Diagnostics;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// An output folder that cannot take the outputs is found before anything runs (exit 2, nothing ran); a disk that
/// fills up during the run fails the notebook with the reason, no stack trace and no half-written file.
/// </summary>
public sealed class OutputFaultTests
{
    private static readonly string Notebook = Paths.Fixture("expected-error.ipynb");

    private static void AssertNothingRan(CliRun run)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("▶", run.Output);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.Contains("Nothing ran.", run.Error);
    }

    [Fact]
    public async Task An_output_path_through_a_file_is_refused_before_anything_runs()
    {
        var file = Path.Combine(Paths.NewOutputDirectory("file"), "a-file");
        File.WriteAllText(file, "not a folder");

        var run = await CoursewareProcess.RunAsync(["run", Notebook, "--output", Path.Combine(file, "out")]);

        AssertNothingRan(run);
        Assert.Contains($"courseware run: --output {Path.Combine(file, "out")}: cannot write there ({file} is a file, not a folder).", run.Error);
    }

    [RootFact]
    public async Task An_output_folder_this_user_may_not_write_is_refused_before_anything_runs()
    {
        // A real non-root user and a folder owned by root (0755): the permission check the kernel makes, not a mock.
        var folder = Paths.NewOutputDirectory("readonly");
        File.SetUnixFileMode(folder, (UnixFileMode)0x1ED /* 0755 */);
        File.SetUnixFileMode(Notebook, (UnixFileMode)0x1A4 /* 0644 */);

        var run = await CoursewareProcess.RunAsync(["run", Notebook, "--output", folder], user: Prerequisites.UnprivilegedUser);

        AssertNothingRan(run);
        Assert.Contains($"courseware run: --output {folder}: cannot write there (permission denied). Nothing ran. Choose a folder you can write", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [RootFact]
    public async Task A_disk_without_room_for_the_outputs_is_refused_before_anything_runs()
    {
        using var disk = SmallDisk.Mount("64k");

        var run = await CoursewareProcess.RunAsync(["run", Notebook, "--output", disk.Path]);

        AssertNothingRan(run);
        Assert.Contains($"--output {disk.Path}: only 64 KB free there, and the outputs need about 9 MB.", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }

    [RootFact]
    public async Task A_read_only_file_system_is_refused_before_anything_runs()
    {
        using var disk = SmallDisk.Mount("16m", readOnly: true);

        var run = await CoursewareProcess.RunAsync(["run", Notebook, "--output", disk.Path]);

        AssertNothingRan(run);
        Assert.Contains($"--output {disk.Path}: cannot write there (read-only file system).", run.Error);
    }

    [RootFact]
    public async Task A_disk_that_fills_up_during_the_run_fails_the_notebook_with_the_reason_and_leaves_no_partial_file()
    {
        using var disk = SmallDisk.Mount("16m");

        // The notebook itself fills the disk, as a big download or log would while a lesson runs.
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("fill-disk.ipynb"), "--output", disk.Path, "--param", $"fillPath={Path.Combine(disk.Path, "filler")}"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("   at ", run.Output + run.Error);
        Assert.Contains("  [3/3] ✓ ok", run.Output);
        Assert.Contains($"could not write {Path.Combine(disk.Path, "fill-disk.ipynb")}: No space left on device", run.Output);
        Assert.Contains("Notebooks: 0 succeeded, 1 did not", run.Output);
        Assert.Equal(["filler"], Directory.GetFiles(disk.Path).Select(Path.GetFileName));
    }

    /// <summary>A tmpfs of a given size, mounted for one test and unmounted after it.</summary>
    private sealed class SmallDisk : IDisposable
    {
        public string Path { get; } = Paths.NewOutputDirectory("disk");

        public static SmallDisk Mount(string size, bool readOnly = false)
        {
            var disk = new SmallDisk();
            Exec("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755{(readOnly ? ",ro" : "")}", "tmpfs", disk.Path);
            return disk;
        }

        public void Dispose() => Exec("umount", Path);

        private static void Exec(params string[] args)
        {
            var (exit, output, error) = Prerequisites.Run(args[0], args[1..]);
            if (exit != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed ({exit}): {output}{error}");
        }
    }
}
