using System.CommandLine;
using Courseware.Lab;
using Spectre.Console;

namespace Courseware.Cli.Commands;

/// <summary><c>courseware doctor</c>: can this machine run the lessons?</summary>
public static class DoctorCommand
{
    public const string BaseImage = LabImages.Base;
    private const string MinimumApiVersion = "1.41";

    public static Command Create(ConsoleStreams streams)
    {
        var command = new Command("doctor", "Checks the Docker engine, the lessons' base image and ICMP, and says how to fix what fails.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var console = streams.CreateAnsiConsole();
            var checks = new List<DoctorCheck>();
            await foreach (var check in RunChecksAsync(cancellationToken).ConfigureAwait(false))
            {
                checks.Add(check);
                Print(console, check);
            }
            var failed = checks.Where(c => !c.Ok && c.Essential).ToList();
            var notOnEngine = checks.Any(c => c.NotOnThisEngine);
            console.WriteLine();
            console.MarkupLine(failed.Count > 0
                ? $"[red]{failed.Count} essential check{(failed.Count == 1 ? "" : "s")} failed: {Markup.Escape(string.Join(", ", failed.Select(c => c.Name)))}.[/]"
                : notOnEngine
                    ? "[yellow]⊘ not-on-engine: the lessons do not run on this engine (nothing is broken; they need Docker).[/]"
                    : "[green]This machine can run the lessons.[/]");
            // The same exit codes as courseware run: 3 is "nothing failed, but the lessons do not apply to this engine".
            return failed.Count > 0 ? 1 : notOnEngine ? 3 : 0;
        });
        return command;
    }

    public static async IAsyncEnumerable<DoctorCheck> RunChecksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        DockerLab? lab = null;
        DoctorCheck reachable;
        string notChecked = "not checked: no engine answers", notCheckedFix = "Fix the Docker engine first.";
        try
        {
            lab = await DockerLab.ConnectAsync("doctor", new LabOptions { RemoveLeftovers = false }, cancellationToken).ConfigureAwait(false);
            reachable = new DoctorCheck("Docker engine", true, $"answers at {lab.Engine.Endpoint}");
        }
        catch (UnsupportedEngineException e)
        {
            // An engine answers, but not Docker (Podman): not a failure to fix here, the lessons do not apply to it.
            reachable = new DoctorCheck("Docker engine", false, e.Problem, e.Fix, Essential: false) { NotOnThisEngine = true };
            (notChecked, notCheckedFix) = ("not checked: the engine is not Docker", "Point DOCKER_HOST at a Docker engine first.");
        }
        catch (LabException e)
        {
            reachable = new DoctorCheck("Docker engine", false, e.Problem, e.Fix);
        }
        yield return reachable;

        if (lab is null)
        {
            foreach (var name in new[] { "Engine version", "Engine kind", "Base image" })
                yield return new DoctorCheck(name, false, notChecked, notCheckedFix, Essential: false);
        }
        else
        {
            await using (lab)
            {
                var engine = lab.Engine;
                var apiOk = CompareVersions(engine.ApiVersion, MinimumApiVersion) >= 0;
                yield return new DoctorCheck("Engine version", apiOk, $"Docker {engine.EngineVersion}, API {engine.ApiVersion}",
                    apiOk ? null : $"The lessons are written for API {MinimumApiVersion} (Docker 20.10) or later: upgrade Docker.", Essential: false);

                yield return engine.Os != "linux"
                    ? new DoctorCheck("Engine kind", false, $"the engine runs {engine.Os} containers",
                        "The lessons use Linux containers: with Docker Desktop, choose 'Switch to Linux containers'.")
                    : new DoctorCheck("Engine kind", true, engine.HostCanReachContainerIps
                        ? $"{engine.Kind} ({engine.OperatingSystem}, kernel {engine.KernelVersion}): container IPs are reachable from this host"
                        : $"{engine.Kind} ({engine.OperatingSystem}): {engine.ContainerIpReach} The lessons ping from a helper container.");

                DoctorCheck image;
                try
                {
                    var how = await lab.ImageExistsAsync(BaseImage, cancellationToken).ConfigureAwait(false)
                        ? "present"
                        : await lab.EnsureImageAsync(BaseImage, cancellationToken).ConfigureAwait(false);
                    image = new DoctorCheck("Base image", true, $"{BaseImage} {how}");
                }
                catch (LabException e)
                {
                    image = new DoctorCheck("Base image", false, e.Problem,
                        $"{e.Fix} Or run scripts/ensure-docker.sh, which seeds {BaseImage} from the host's busybox-static.");
                }
                yield return image;
            }
        }

        var icmp = DockerLab.CanSendIcmp(out var reason);
        yield return icmp
            ? new DoctorCheck("ICMP", true, "this process may send ping (echo) requests itself", Essential: false)
            : new DoctorCheck("ICMP", false, $"this process may not send ICMP ({reason}); host-to-container pings will come from a helper container instead",
                "On Linux: sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"", Essential: false);
    }

    private static void Print(IAnsiConsole console, DoctorCheck check)
    {
        var colour = check.Ok ? "green" : check.Essential ? "red" : "yellow";
        console.MarkupLine($"[{colour}]{check.Symbol}[/] {Markup.Escape(check.Name.PadRight(15))} {Markup.Escape(check.Detail)}");
        if (!check.Ok && check.Fix is not null) console.MarkupLine($"  [grey]fix:[/] {Markup.Escape(check.Fix)}");
    }

    internal static int CompareVersions(string a, string b) =>
        Version.TryParse(a, out var va) && Version.TryParse(b, out var vb) ? va.CompareTo(vb) : 0;
}
