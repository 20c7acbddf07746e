using Docker.DotNet;
using Docker.DotNet.Models;

namespace Courseware.Lab;

/// <summary><c>docker volume create | rm | ls</c>: named volumes, labelled like everything else of the course.</summary>
public sealed class VolumeCommands
{
    private readonly EngineSession _session;

    internal VolumeCommands(EngineSession session) => _session = session;

    private DockerClient Client => _session.Client;

    /// <summary><c>docker volume create --label courseware.session=... NAME</c>. A course volume of that name is emptied by replacing it.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DockerNames.IsValid(name))
            throw new LabException($"'{name}' is not a valid volume name.", "Volume names use letters, digits, '_', '.' and '-'.");
        await RmAsync(name, cancellationToken).ConfigureAwait(false);
        var created = await _session.EngineAsync($"docker volume create {name}",
            () => Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = _session.NewLabels() }, cancellationToken)).ConfigureAwait(false);
        return created.Name;
    }

    /// <summary><c>docker volume rm NAME</c>. False if there was none; refuses a volume the course did not make, or one in use.</summary>
    public async Task<bool> RmAsync(string name, CancellationToken cancellationToken = default)
    {
        var existing = await _session.InspectOrNullAsync($"docker volume inspect {name}", () => Client.Volumes.InspectAsync(name, cancellationToken)).ConfigureAwait(false);
        if (existing is null) return false;
        if (!_session.MayReplace("volume", name, existing.Name, existing.Labels, $"docker volume rm {name}")) return false;
        try
        {
            await Client.Volumes.RemoveAsync(name, false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new LabException($"Volume '{name}' is in use.", "Remove the container that mounts it first (docker ps -a --filter volume=" + name + ").", inner: e);
        }
        catch (Exception e) when (EngineErrors.IsFromTheEngine(e))
        {
            throw EngineErrors.Translate(e, _session.Engine, $"docker volume rm {name}");
        }
    }

    /// <summary><c>docker volume ls --filter label=courseware.session=ID</c>: this session's volumes.</summary>
    public async Task<IReadOnlyList<string>> LsAsync(CancellationToken cancellationToken = default)
    {
        var list = await _session.EngineAsync("docker volume ls", () => Client.Volumes.ListAsync(new VolumesListParameters { Filters = _session.SessionFilter() }, cancellationToken)).ConfigureAwait(false);
        return (list.Volumes ?? []).Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
    }
}
