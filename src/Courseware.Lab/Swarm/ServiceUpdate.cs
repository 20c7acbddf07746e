namespace Courseware.Lab;

/// <summary>The flags of <c>docker service update</c> the lessons use. Every property names its flag; null or empty leaves that part as it is.</summary>
public sealed record ServiceUpdate
{
    /// <summary><c>--replicas N</c> (a replicated service only).</summary>
    public int? Replicas { get; init; }

    /// <summary><c>--constraint-add EXPR</c>, any number of times: placement rules such as <c>node.role==worker</c>, kept beside those the service has.</summary>
    public IReadOnlyList<string> ConstraintAdd { get; init; } = [];

    /// <summary><c>--network-add NAME</c>, any number of times: overlays the tasks join besides those they are on.</summary>
    public IReadOnlyList<string> NetworkAdd { get; init; } = [];

    /// <summary>The docker CLI command these options stand for.</summary>
    public string ToCommandLine(string name)
    {
        var parts = new List<string> { "docker service update" };
        if (Replicas is { } replicas) parts.Add($"--replicas {replicas}");
        parts.AddRange(ConstraintAdd.Select(c => $"--constraint-add {c}"));
        parts.AddRange(NetworkAdd.Select(n => $"--network-add {n}"));
        parts.Add(name);
        return string.Join(' ', parts);
    }
}

/// <summary>What <c>docker service inspect NAME</c> says of a service's placement and networks (names, not ids).</summary>
public sealed record ServiceDetails(string Name, int? Replicas, IReadOnlyList<string> Constraints, IReadOnlyList<string> Networks)
{
    public override string ToString() =>
        $"{Name}: {(Replicas is { } r ? $"{r} replica(s)" : "global")}, constraints [{string.Join(", ", Constraints)}], networks [{string.Join(", ", Networks)}]";
}
