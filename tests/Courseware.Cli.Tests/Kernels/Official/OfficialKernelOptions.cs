namespace Courseware.Cli.Tests.Kernels;

/// <summary>How to start the official kernel.</summary>
public sealed record OfficialKernelOptions
{
    /// <summary>The kernel's working directory (--working-dir): where relative #r paths resolve. Usually the notebook's folder.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Where `dotnet tool run` looks for the tool manifest; by default the nearest folder above WorkingDirectory that has one.</summary>
    public string? ToolDirectory { get; init; }

    public string DefaultKernel { get; init; } = "csharp";

    /// <summary>Covers a cold start on a 2-core machine: first JIT of the tool and of Roslyn.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// After the kernel exits, connect a Lab once, which removes the Docker resources of course processes that are gone,
    /// the kernel's included (they carry its pid, not ours).
    /// </summary>
    public bool RemoveLeftoversOnDispose { get; init; } = true;
}
