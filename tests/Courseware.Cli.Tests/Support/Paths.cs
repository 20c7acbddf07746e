namespace Courseware.Cli.Tests.Support;

public static class Paths
{
    /// <summary>The fixture notebooks, copied beside the tests so that "../Courseware.Lab.dll" resolves from them.</summary>
    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    /// <summary>Screenshots and pages kept for a person to look at after the run.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public static string RepoRoot => Repo.Root;

    /// <summary>A fresh folder under the test output, removed by nobody: a failed test's outputs stay to be read.</summary>
    public static string NewOutputDirectory(string label) =>
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "runs", $"{label}-{Guid.NewGuid():N}"[..(label.Length + 9)])).FullName;
}
