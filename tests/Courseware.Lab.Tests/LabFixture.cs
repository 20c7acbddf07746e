namespace Courseware.Lab.Tests;

/// <summary>A lab per test class with its own lesson name, so classes running in parallel never clean each other's containers.</summary>
public abstract class LabTest : IAsyncLifetime
{
    private DockerLab? _lab;

    protected DockerLab Lab => _lab ?? throw new InvalidOperationException("not connected");

    protected virtual string LessonName => "test-" + GetType().Name.ToLowerInvariant();

    public async Task InitializeAsync() => _lab = await DockerLab.ConnectAsync(LessonName);

    public async Task DisposeAsync()
    {
        if (_lab is null) return;
        await _lab.CleanAsync();
        await _lab.DisposeAsync();
    }

    /// <summary>A unique container/network name, so parallel test classes never collide.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
