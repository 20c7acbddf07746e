namespace Courseware.Tests.Support;

/// <summary>Locates repository files (exercise4, notebooks, the solution) from a test's bin folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Courseware.sln"))) return dir.FullName;
        throw new InvalidOperationException("Courseware.sln not found above " + AppContext.BaseDirectory);
    }
}
