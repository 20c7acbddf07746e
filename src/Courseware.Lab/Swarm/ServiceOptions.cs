using System.Text.RegularExpressions;

namespace Courseware.Lab;

/// <summary>The flags of <c>docker service create</c> the lessons use. Every property names its flag.</summary>
public sealed record ServiceOptions
{
    /// <summary><c>--replicas N</c> (replicated mode).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary><c>--mode global</c>: one task on every node instead of a number of replicas.</summary>
    public bool Global { get; init; }

    /// <summary><c>--network NAME</c>: an overlay network the tasks join.</summary>
    public string? Network { get; init; }

    /// <summary>
    /// <c>--endpoint-mode vip|dnsrr</c>. vip: the service name resolves to one virtual IP that IPVS balances over the
    /// tasks (needs IPVS in the kernel). dnsrr: the name resolves to every task's own address, no IPVS involved.
    /// </summary>
    public string EndpointMode { get; init; } = "vip";

    /// <summary><c>--publish</c>, any number of times: "8088:80" (the routing mesh) or "mode=host,target=80,published=8088".</summary>
    public IReadOnlyList<ServicePort> Publish { get; init; } = [];

    /// <summary>
    /// <c>--stop-grace-period 1s</c>: how long a task's main process gets after SIGTERM before SIGKILL (10 s when unset).
    /// A rolling update stops the tasks one by one, so a process that ignores SIGTERM (busybox httpd as PID 1) makes
    /// every update wait that long per task.
    /// </summary>
    public TimeSpan? StopGracePeriod { get; init; }

    /// <summary>The command after the image; empty keeps the image's CMD.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The docker CLI command these options stand for.</summary>
    public string ToCommandLine(string name, string image)
    {
        var parts = new List<string> { "docker service create", $"--name {name}" };
        parts.Add(Global ? "--mode global" : $"--replicas {Replicas}");
        if (Network is not null) parts.Add($"--network {Network}");
        if (EndpointMode != "vip") parts.Add($"--endpoint-mode {EndpointMode}");
        parts.AddRange(Publish.Select(p => $"--publish {p}"));
        if (StopGracePeriod is { } grace) parts.Add($"--stop-grace-period {grace.TotalSeconds:0.###}s");
        parts.Add(image);
        parts.AddRange(Command);
        return string.Join(' ', parts);
    }
}

/// <summary>One <c>--publish</c> of a service: through the routing mesh (ingress) or straight on the node running the task (host).</summary>
public sealed record ServicePort(int Published, int Target, string Mode = "ingress", string Protocol = "tcp")
{
    /// <summary>"8088:80" (ingress) or the long form "mode=host,target=80,published=8088[,protocol=udp]".</summary>
    public static ServicePort Parse(string spec)
    {
        var shortForm = Regex.Match(spec, @"^(\d+):(\d+)(?:/(tcp|udp))?$");
        if (shortForm.Success)
            return Checked(new ServicePort(int.Parse(shortForm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(shortForm.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), "ingress",
                shortForm.Groups[3].Success ? shortForm.Groups[3].Value : "tcp"), spec);
        var fields = spec.Split(',').Select(f => f.Split('=', 2)).ToList();
        if (fields.Any(f => f.Length != 2 || f[0] is not ("mode" or "target" or "published" or "protocol")))
            throw new LabException($"'{spec}' is not a --publish spec.", "Write it as PUBLISHED:TARGET (8088:80) or mode=host,target=80,published=8088.");
        var values = fields.ToDictionary(f => f[0], f => f[1]);
        if (!values.TryGetValue("target", out var target) || !int.TryParse(target, out var t))
            throw new LabException($"'{spec}' names no target port.", "Add target=PORT: the port the task's container listens on.");
        var published = values.TryGetValue("published", out var p) && int.TryParse(p, out var pp) ? pp : 0;
        return Checked(new ServicePort(published, t, values.GetValueOrDefault("mode", "ingress"), values.GetValueOrDefault("protocol", "tcp")), spec);
    }

    private static ServicePort Checked(ServicePort port, string spec) =>
        port.Mode is not ("ingress" or "host") ? throw new LabException($"'{port.Mode}' in '{spec}' is not a publish mode.", "mode is ingress (the routing mesh) or host.")
        : port.Protocol is not ("tcp" or "udp") ? throw new LabException($"'{port.Protocol}' in '{spec}' is not a protocol.", "protocol is tcp or udp.")
        : port.Target is < 1 or > 65535 || port.Published is < 0 or > 65535 ? throw new LabException($"A port in '{spec}' is out of range 1-65535.", "Ports are 1-65535.")
        : port;

    public static implicit operator ServicePort(string spec) => Parse(spec);

    public override string ToString() =>
        Mode == "ingress" ? $"{Published}:{Target}" + (Protocol == "tcp" ? "" : $"/{Protocol}")
        : $"mode={Mode},target={Target},published={Published}" + (Protocol == "tcp" ? "" : $",protocol={Protocol}");
}

/// <summary>One row of <c>docker service ps NAME</c>: a task, the node it runs on, and its address on the service's networks.</summary>
public sealed record ServiceTask(string Id, string Name, string Node, string DesiredState, string CurrentState, string Error, IReadOnlyList<string> Addresses)
{
    public string ShortId => Id[..Math.Min(12, Id.Length)];

    public override string ToString() =>
        $"{ShortId} {Name,-8} {Node,-6} {DesiredState,-8} {CurrentState}{(Error.Length == 0 ? "" : $" ({Error})")} {string.Join(", ", Addresses)}";
}
