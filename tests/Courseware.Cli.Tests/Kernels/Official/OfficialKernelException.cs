namespace Courseware.Cli.Tests.Kernels;

/// <summary>The kernel's process exited, or never said it was ready.</summary>
public sealed class OfficialKernelException(string message, Exception? inner = null) : Exception(message, inner);
