using ApprovalTests;
using ApprovalTests.Reporters;
using Microsoft.DotNet.Interactive.Formatting;

namespace Courseware.Lab.Interactive.Tests;

/// <summary>
/// Snapshot (approval) tests of the cards: each card's whole HTML and text form against the approved file beside this
/// one (<c>CardSnapshotTests.NAME.approved.txt</c>). A change to a card fails here with a <c>.received.txt</c> to review;
/// approving it is renaming that file. The substring tests in FormatterTests say what matters; these catch the rest.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public sealed partial class CardSnapshotTests
{
    static CardSnapshotTests() => LabFormatters.Register();

    // The shared stylesheet is the same in every card (LabCss); left out so that a style change does not fail them all.
    private static string Render(object value) =>
        $"--- text/html\n{StyleSheet().Replace(value.ToDisplayString("text/html"), "<style>/* LabCss */</style>")}\n--- text/plain\n{value.ToDisplayString("text/plain")}\n";

    [System.Text.RegularExpressions.GeneratedRegex("<style>.*?</style>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex StyleSheet();

    [Fact] public void Engine_linux() => Approvals.Verify(Render(Samples.Engine()));
    [Fact] public void Engine_docker_desktop() => Approvals.Verify(Render(Samples.Engine(desktop: true)));
    [Fact] public void Container() => Approvals.Verify(Render(Samples.Container()));
    [Fact] public void Http_result() => Approvals.Verify(Render(Samples.Http()));
    [Fact] public void Build_result() => Approvals.Verify(Render(Samples.Build()));
    [Fact] public void Ping_from_the_host() => Approvals.Verify(Render(Samples.PingFromHost()));
    [Fact] public void Ping_from_a_container_with_a_lost_reply() => Approvals.Verify(Render(Samples.PingFromClient()));
    [Fact] public void Network() => Approvals.Verify(Render(Samples.LabNet()));
    [Fact] public void Resolved_name() => Approvals.Verify(Render(Samples.Resolved()));
    [Fact] public void Unresolved_name() => Approvals.Verify(Render(Samples.NotResolved()));
    [Fact] public void Exec_that_failed() => Approvals.Verify(Render(Samples.Exec(exitCode: 1)));
    [Fact] public void Cleanup_report() => Approvals.Verify(Render(Samples.Cleanup()));
    [Fact] public void Host_command() => Approvals.Verify(Render(Samples.HostCommand()));
    [Fact] public void Nat_rules() => Approvals.Verify(Render(Samples.Nat()));
    [Fact] public void Listening_sockets() => Approvals.Verify(Render(Samples.Listening()));
    [Fact] public void Capture() => Approvals.Verify(Render(Samples.Capture()));
    [Fact] public void Container_details() => Approvals.Verify(Render(Samples.Details()));
    [Fact] public void Check_passed() => Approvals.Verify(Render(Samples.CheckPassed()));
    [Fact] public void Check_failed() => Approvals.Verify(Render(Samples.CheckFailed()));
    [Fact] public void Prediction_right() => Approvals.Verify(Render(Samples.PredictionRight()));
    [Fact] public void Prediction_wrong() => Approvals.Verify(Render(Samples.PredictionWrong()));
    [Fact] public void Prediction_not_recorded() => Approvals.Verify(Render(Samples.PredictionNone()));
    [Fact] public void Swarm_nodes() => Approvals.Verify(Render(Samples.SwarmNodes()));
    [Fact] public void Service_tasks() => Approvals.Verify(Render(Samples.ServiceTasks()));
    [Fact] public void Lan_neighbour() => Approvals.Verify(Render(Samples.Neighbour()));
    [Fact] public void Lan_neighbour_unavailable() => Approvals.Verify(Render(Samples.Neighbour(available: false)));
    [Fact] public void Reach_result_blocked() => Approvals.Verify(Render(Samples.Reach(reachable: false)));
    [Fact] public void Lan_exposure() => Approvals.Verify(Render(Samples.Exposure()));

    // The ps table's CREATED column is relative to now: rendered at a fixed now, as the formatter does at the real one.
    [Fact]
    public void Ps_table() =>
        Approvals.Verify($"--- text/html\n{StyleSheet().Replace(PsTable.ToHtml(Samples.PsTable(), Samples.Now), "<style>/* LabCss */</style>")}\n--- text/plain\n{PsTable.ToText(Samples.PsTable(), Samples.Now)}\n");

    [Fact]
    public void Error_box_of_a_lab_exception() =>
        Approvals.Verify(Render(new PortAlreadyAllocatedException(8080, 8081, "Bind for 0.0.0.0:8080 failed: port is already allocated")));
}
