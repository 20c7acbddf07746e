using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>Lesson 07's outputs: <c>docker node ls</c>, <c>docker service ps</c>, the cluster's hosts and the IPVS check.</summary>
internal static class SwarmCards
{
    private static readonly string[] NodeHeaders = ["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION", "ADDRESS"];

    private static readonly string[] TaskHeaders = ["ID", "NAME", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "ADDRESSES"];

    private static IReadOnlyList<string> NodeCells(SwarmNode n) =>
        [n.ShortId + (n.Self ? " *" : ""), n.Hostname, n.Status, n.Availability, n.ManagerStatus, n.EngineVersion, n.Address];

    private static IReadOnlyList<string> TaskCells(ServiceTask t) =>
        [t.ShortId, t.Name, t.Node, t.DesiredState, t.CurrentState, t.Error, string.Join(", ", t.Addresses)];

    public static string NodesToHtml(IEnumerable<SwarmNode> nodes) =>
        Root(Table(NodeHeaders, nodes.Select(n => (IReadOnlyList<string>)NodeCells(n).Select((c, i) => i == 1 ? $"<b>{E(c)}</b>" : E(c)).ToList()), "No nodes."));

    public static string NodesToText(IEnumerable<SwarmNode> nodes) => TextColumns.Of(NodeHeaders, nodes.Select(NodeCells));

    public static string TasksToHtml(IEnumerable<ServiceTask> tasks) =>
        Root(Table(TaskHeaders, tasks.Select(t => (IReadOnlyList<string>)TaskCells(t).Select((c, i) => i == 2 ? $"<b>{E(c)}</b>" : i == 4 ? $"<span class=\"{PsTable.StateClass(c)}\">●</span> {E(c)}" : E(c)).ToList()), "No tasks."));

    public static string TasksToText(IEnumerable<ServiceTask> tasks) => TextColumns.Of(TaskHeaders, tasks.Select(TaskCells));

    public static string ClusterToHtml(LabCluster cluster) =>
        Root("<div class=\"cw-card\">" +
             $"<div class=\"cw-title\">{cluster.Nodes.Count} Docker hosts on LAN <b>{E(cluster.Lan.Name)}</b> {Code(string.Join(", ", cluster.Lan.Subnets))} (--internal)</div>" +
             Table(["HOST", "CONTAINER", "LAN ADDRESS", "ENGINE", "DOCKER_HOST"], cluster.Nodes.Select(n => (IReadOnlyList<string>)
                 [$"<b>{E(n.Name)}</b>", Code(n.ContainerId[..12]), E(n.LanAddress), E($"Docker {n.Docker.Engine.EngineVersion} (API {n.Docker.Engine.ApiVersion})"), Code(n.Endpoint)])) +
             $"<div class=\"cw-muted\">Node image {Code(cluster.Image.Image)}: {E(cluster.Image.Origin)}.</div></div>");

    public static string IpvsToHtml(IpvsCheck check) =>
        Root($"<div class=\"cw-card\"><span class=\"{(check.Available ? "cw-ok" : "cw-warn")}\">{(check.Available ? "✔" : "⚠")}</span> {E(check.ToString())}</div>");
}
