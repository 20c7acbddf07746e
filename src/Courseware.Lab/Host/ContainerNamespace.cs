namespace Courseware.Lab;

/// <summary>A running container whose network namespace a host command joins: by its pid (rootful, <c>nsenter -t PID -n</c>) or its name (rootless, <c>--network container:NAME</c>).</summary>
internal sealed record ContainerNamespace(string Id, string Name, long Pid);
