using Docker.DotNet.Models;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// <c>docker ps</c> (<c>-a</c> with <paramref name="all"/>). By default only this lesson's containers, so a learner's
    /// other containers do not crowd the table; pass <paramref name="onlyThisLab"/> false to see everything.
    /// </summary>
    public async Task<IReadOnlyList<PsRow>> PsAsync(bool all = false, bool onlyThisLab = true, CancellationToken cancellationToken = default)
    {
        var parameters = new ContainersListParameters { All = all, Filters = onlyThisLab ? Session.SessionFilter() : null };
        var list = await Session.EngineAsync(all ? "docker ps -a" : "docker ps", () => Client.Containers.ListContainersAsync(parameters, cancellationToken)).ConfigureAwait(false);
        return list
            .OrderByDescending(c => c.Created)
            .Select(c => new PsRow(
                c.ID,
                c.Image,
                Quote(c.Command),
                new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
                c.Status,
                c.State,
                PortBindingInfo.Merge((c.Ports ?? []).Select(p => new PortBindingInfo(p.PrivatePort, p.Type, p.IP, p.PublicPort == 0 ? null : p.PublicPort))),
                string.Join(",", (c.Names ?? []).Select(n => n.TrimStart('/'))),
                c.Labels is not null && c.Labels.TryGetValue(LabLabels.Lesson, out var lesson) ? lesson : null))
            .ToList();
    }

    // docker ps shows the command quoted and cut to 20 characters.
    private static string Quote(string? command)
    {
        command ??= "";
        return "\"" + (command.Length > 20 ? command[..19] + "…" : command) + "\"";
    }
}
