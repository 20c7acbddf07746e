namespace Courseware.Lab;

/// <summary>The null checks at the top of the public verbs, written once.</summary>
internal static class EarlierStep
{
    public static Container Container(Container? container, string? expression) =>
        container ?? throw new EarlierStepNotRunException(expression ?? "container", "starts it (docker.RunAsync)");

    public static string Name(string? name, string? expression, string what = "container") =>
        name ?? throw new EarlierStepNotRunException(expression ?? what, $"sets this {what} name");

    public static LanNeighbour Neighbour(LanNeighbour? neighbour, string? expression) =>
        neighbour ?? throw new EarlierStepNotRunException(expression ?? "neighbour", "adds it (docker.AddLanNeighbourAsync)");

    public static ContainerDetails Details(ContainerDetails? details, string? expression) =>
        details ?? throw new EarlierStepNotRunException(expression ?? "container", "inspects it (check.ContainerAsync or docker.InspectAsync)");
}
