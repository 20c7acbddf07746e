namespace Courseware.Lab;

/// <summary>The flags of <c>docker run -d</c> the lessons use. Every property names its flag.</summary>
public sealed record RunOptions
{
    /// <summary><c>--name</c>. Re-running with the same name replaces the course's earlier container.</summary>
    public string? Name { get; init; }

    /// <summary><c>-p</c>, any number of times: strings as docker takes them ("8080:80", "127.0.0.1::80") or typed values.</summary>
    public IReadOnlyList<PortPublication> Publish { get; init; } = [];

    /// <summary><c>-P</c>: publish every EXPOSEd port on a random host port.</summary>
    public bool PublishAll { get; init; }

    /// <summary><c>--network</c>: bridge (default), host, none, a network you created, or <c>container:NAME</c> (NAME's network stack).</summary>
    public string? Network { get; init; }

    /// <summary><c>--network-alias</c>: extra DNS names on that network.</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    /// <summary>
    /// <c>--add-host NAME:ADDRESS</c>, any number of times: a line in the container's /etc/hosts. The address
    /// <c>host-gateway</c> is the engine's address for the host (Engine 20.10+), as in
    /// <c>--add-host host.docker.internal:host-gateway</c>.
    /// </summary>
    public IReadOnlyList<string> AddHosts { get; init; } = [];

    /// <summary><c>--hostname</c>.</summary>
    public string? Hostname { get; init; }

    /// <summary><c>-e NAME=VALUE</c>.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--privileged</c>: every capability and device. Docker-in-Docker nodes (docker:dind) need it.</summary>
    public bool Privileged { get; init; }

    /// <summary><c>--cap-add</c>, any number of times.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary><c>--security-opt</c>, any number of times (seccomp=unconfined, apparmor=unconfined, systempaths=unconfined).</summary>
    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    /// <summary><c>--cgroupns host|private</c>; null keeps the engine's default.</summary>
    public string? CgroupNs { get; init; }

    /// <summary><c>-v SOURCE:TARGET[:MODE]</c>: a named volume or a host path.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary><c>--dns</c>, any number of times.</summary>
    public IReadOnlyList<string> Dns { get; init; } = [];

    /// <summary>The command after the image name; empty keeps the image's CMD.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary><c>-it</c>: a terminal and open stdin, as in lesson 01's <c>docker run -dit</c>. Off by default, as in <c>docker run -d</c>.</summary>
    public bool Interactive { get; init; }

    /// <summary>
    /// What the docker CLI does when the start fails (a host port already allocated): the created container stays, in
    /// <c>Created</c>, holding its name. Off by default: the library removes it, so that re-running the cell does not meet
    /// "name already in use". Lesson 01 turns it on to show what the CLI leaves. Not a docker flag.
    /// </summary>
    public bool KeepIfStartFails { get; init; }

    /// <summary>Throw <see cref="ContainerExitedException"/> if the container is not running right after start.</summary>
    internal bool ExpectRunning { get; init; } = true;

    /// <summary>
    /// How long RunAsync watches a new container for an early exit before returning. Zero (the default) checks once,
    /// right after start, as fast as <c>docker run -d</c>; a service that dies a moment later is reported by the next
    /// step that needs it (a readiness wait, exec, ping) with its last log lines.
    /// </summary>
    internal TimeSpan StartupGrace { get; init; } = TimeSpan.Zero;

    /// <summary>The docker CLI command these options stand for.</summary>
    public string ToCommandLine(string image)
    {
        var words = new List<string> { "docker", "run", "-d" + (Interactive ? "it" : "") };
        if (Name is not null) words.AddRange(["--name", Name]);
        if (Network is not null) words.AddRange(["--network", Network]);
        foreach (var alias in NetworkAliases) words.AddRange(["--network-alias", alias]);
        foreach (var host in AddHosts) words.AddRange(["--add-host", host]);
        if (Hostname is not null) words.AddRange(["--hostname", Hostname]);
        if (Privileged) words.Add("--privileged");
        foreach (var cap in CapAdd) words.AddRange(["--cap-add", cap]);
        foreach (var option in SecurityOpt) words.AddRange(["--security-opt", option]);
        if (CgroupNs is not null) words.AddRange(["--cgroupns", CgroupNs]);
        foreach (var volume in Volumes) words.AddRange(["-v", volume]);
        foreach (var dns in Dns) words.AddRange(["--dns", dns]);
        foreach (var (key, value) in Env) words.AddRange(["-e", $"{key}={value}"]);
        if (PublishAll) words.Add("-P");
        foreach (var publication in Publish) words.AddRange(["-p", publication.ToString()]);
        words.Add(image);
        words.AddRange(Command);
        return CliTwin.Command(words);
    }
}
