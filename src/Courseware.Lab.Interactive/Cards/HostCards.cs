using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>
/// docker.Host's results: a host command's output, the nat rules, a container's listening sockets and a capture. Each
/// shows the host command the learner would type on the engine's host, and, folded, the docker command that ran it.
/// </summary>
internal static class HostCards
{
    private static readonly string[] NatHeaders = ["CHAIN", "PROT", "MATCH", "TARGET", "TO"];
    private static readonly string[] SocketHeaders = ["NETID", "ADDRESS", "PORT", "PROCESS"];
    private static readonly string[] PacketHeaders = ["TIME", "PROTO", "SOURCE", "DESTINATION", "SUMMARY"];

    public static string CommandToHtml(HostCommandResult r)
    {
        var exit = r.Succeeded ? Badge("exit code 0", "ok") : Badge($"exit code {r.ExitCode}", "bad");
        return Card($"<span class=\"cw-muted\">engine host $</span> {Code(r.HostCommand)}{exit}", ExecResultCard.Output(r.Stdout, r.Stderr), r);
    }

    public static string NatToHtml(NatRules nat) =>
        Card($"nat table of the engine's host: {string.Join(" and ", NatRules.Chains)} {Badge($"{nat.Dnat.Count} DNAT", "info")} {Badge($"{nat.Masquerade.Count} MASQUERADE", "info")}",
            Table(NatHeaders, nat.Rules.Select(r => (IReadOnlyList<string>)
                [E(r.Chain), E(r.Protocol), Code(r.Match), r.Target is "DNAT" or "MASQUERADE" ? $"<b>{E(r.Target)}</b>" : E(r.Target), r.To.Length > 0 ? $"<b>{Code(r.To)}</b>" : ""]), "No rules in these chains."),
            nat.Command);

    public static string NatToText(NatRules nat) =>
        $"$ {nat.Command.HostCommand}\n" + TextColumns.Of(NatHeaders, nat.Rules.Select(r => (IReadOnlyList<string>)[r.Chain, r.Protocol, r.Match, r.Target, r.To]));

    public static string SocketsToHtml(ListeningSockets s) =>
        Card($"Listening in <b>{E(s.Container)}</b>'s network namespace",
            Table(SocketHeaders, s.Sockets.Select(x => (IReadOnlyList<string>)
                [E(x.Protocol), Code(x.Address) + (x.LoopbackOnly ? " " + Badge("loopback only", "warn") : ""), E(x.Port), E(x.Process)]), "Nothing listens."),
            s.Command);

    public static string SocketsToText(ListeningSockets s) =>
        $"{s.Container}: $ {s.Command.HostCommand}\n" + TextColumns.Of(SocketHeaders, s.Sockets.Select(x => (IReadOnlyList<string>)[x.Protocol, x.Address, x.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Process]));

    public static string CaptureToHtml(CaptureResult c) =>
        Card($"tcpdump on {Code(c.Interface)}{(c.Filter.Length > 0 ? " " + Code(c.Filter) : "")} {Badge($"{c.Packets.Count} packets", c.Packets.Count > 0 ? "ok" : "warn")}",
            Table(PacketHeaders, c.Packets.Select(p => (IReadOnlyList<string>)[E(p.Time), E(p.Protocol), Code(p.Source), Code(p.Destination), E(p.Summary)]), "No packets matched.") +
            (c.Statistics.Length > 0 ? $"<div class=\"cw-muted\">{Lines(c.Statistics.Split('\n'))}</div>" : ""),
            c.Command);

    public static string CaptureToText(CaptureResult c) =>
        $"$ {c.Command.HostCommand}\n" + TextColumns.Of(PacketHeaders, c.Packets.Select(p => (IReadOnlyList<string>)[p.Time, p.Protocol, p.Source, p.Destination, p.Summary])) +
        (c.Statistics.Length > 0 ? "\n" + c.Statistics : "");

    /// <summary>The card around a result: its title, its body, the host command, and the docker command folded.</summary>
    private static string Card(string titleHtml, string bodyHtml, HostCommandResult command) =>
        Root($"<div class=\"cw-card\"><div class=\"cw-title\">{titleHtml}</div>{bodyHtml}" +
             $"<div class=\"cw-muted\">on the engine's host: {Code(command.HostCommand)}</div>" +
             Collapsible("The docker command that ran it", Pre(command.CommandLine)) + "</div>");
}
