using System.Net;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    private const string PingerName = "courseware-pinger";

    /// <summary>
    /// Pings a container from this host, as the lesson suggests (<c>ping IP</c>). Only containers are targets: the IP is
    /// read from docker inspect. Where the host cannot reach container IPs (Docker Desktop) or may not send ICMP,
    /// pings from a helper container on the same network instead, and says so in <see cref="PingResult.Why"/>.
    /// </summary>
    public async Task<PingResult> PingAsync(string container, int count = 4, string? network = null, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(container))] string? containerExpression = null)
    {
        EarlierStep.Name(container, containerExpression);
        if (count is < 1 or > 100) throw new LabException($"count {count} is out of range.", "Send between 1 and 100 echo requests (ping -c N).");
        var details = await InspectAsync(container, cancellationToken).ConfigureAwait(false);
        var attachment = network is null ? details.Networks.FirstOrDefault(n => n.IpAddress.Length > 0) : details.Networks.FirstOrDefault(n => n.Network == network);
        if (attachment is null || attachment.IpAddress.Length == 0)
            throw new LabException($"Container '{details.Name}' has no IP address{(network is null ? "" : $" on '{network}'")} to ping.",
                details.NetworkMode is PredefinedNetworks.None ? "It runs with --network none: it has only a loopback interface." : "Start it (docker start) or connect it to a network.");

        string why;
        if (!Engine.HostCanReachContainerIps)
            why = $"{Engine.ContainerIpReach} So this ping comes from a container on the same network.";
        else if (!Options.PreferHostPing)
            why = "Host pings are switched off (LabOptions.PreferHostPing = false), so this ping comes from a container on the same network.";
        else if (IcmpEcho.TryOpen(out var raw, out var error) is { } socket)
        {
            using (socket)
            {
                var replies = await IcmpEcho.PingAsync(socket, raw, IPAddress.Parse(attachment.IpAddress), count, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                return new PingResult(details.Name, attachment.IpAddress, PingPath.Host, "this host",
                    "A Linux engine routes the container's network to the host, so the host reaches the container's IP directly.", replies) { Count = count };
            }
        }
        else
            why = $"This host may not send ICMP ({error}), so this ping comes from a container on the same network.";

        var pinger = await EnsurePingerAsync(attachment.Network, cancellationToken).ConfigureAwait(false);
        var fromPinger = await PingFromAsync(pinger, attachment.IpAddress, details.Name, count, cancellationToken).ConfigureAwait(false);
        return fromPinger with { Why = why };
    }

    /// <summary>
    /// <c>docker exec FROM ping -c N TO</c>: container to container, by name or IP. A name that does not resolve, or a
    /// target on a network FROM is not attached to, gives a result with 100% loss and the reason, not an exception.
    /// </summary>
    public async Task<PingResult> PingAsync(string from, string to, int count = 4, CancellationToken cancellationToken = default,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(from))] string? fromExpression = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(to))] string? toExpression = null)
    {
        EarlierStep.Name(from, fromExpression);
        EarlierStep.Name(to, toExpression, "address or container");
        if (count is < 1 or > 100) throw new LabException($"count {count} is out of range.", "Send between 1 and 100 echo requests (ping -c N).");
        var source = await InspectAsync(from, cancellationToken).ConfigureAwait(false);
        var result = await PingFromAsync(source.Name, to, to, count, cancellationToken).ConfigureAwait(false);
        return result with { Why = "busybox ping inside the source container: the packets cross the Docker network between the two containers." };
    }

    private async Task<PingResult> PingFromAsync(string from, string address, string target, int count, CancellationToken cancellationToken)
    {
        // -W bounds each wait so an unreachable target ends in about count seconds, not forever.
        var exec = await ExecAsync(from, PingResult.Arguments(count, address), cancellationToken).ConfigureAwait(false);
        var output = exec.Stdout + exec.Stderr;
        var resolved = BusyboxPingOutput.ResolvedAddress(output);
        var replies = resolved is null ? [] : BusyboxPingOutput.Parse(output, count);
        var error = resolved is null
            ? (output.Contains("bad address", StringComparison.Ordinal) ? $"'{address}' does not resolve from {from}" : output.Trim())
            : replies.All(r => !r.Received) ? "no reply: the target is not reachable from this network" : null;
        return new PingResult(target, resolved ?? address, PingPath.Container, from, "", replies, error) { Destination = address, Count = count };
    }

    private async Task<string> EnsurePingerAsync(string network, CancellationToken cancellationToken)
    {
        var name = $"{PingerName}-{network}";
        try
        {
            var existing = await InspectAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing.Running) return name;
        }
        catch (LabException) { }
        await RunAsync(LabImages.Base, new RunOptions { Name = name, Network = network, Command = ["sleep", "86400"], Interactive = false }, cancellationToken).ConfigureAwait(false);
        return name;
    }
}
