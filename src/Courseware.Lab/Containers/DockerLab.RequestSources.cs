using System.Text.RegularExpressions;

namespace Courseware.Lab;

public sealed partial class DockerLab
{
    /// <summary>
    /// <c>docker logs CONTAINER</c>, read for busybox httpd's <c>-v</c> lines (<c>[::ffff:172.17.0.1]:40312: response:200</c>): the
    /// address each request came from, as the container itself saw it, oldest first. An IPv4 client of a dual-stack
    /// listener (<c>[::ffff:172.17.0.1]</c>) is shown as its IPv4 address.
    /// </summary>
    public async Task<IReadOnlyList<string>> RequestSourcesAsync(string container, CancellationToken cancellationToken = default) =>
        (await LogsAsync(container, 200, cancellationToken).ConfigureAwait(false))
            .Select(l => HttpdRequestLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["ip"].Value).ToList();

    [GeneratedRegex(@"^\[?(?:::ffff:)?(?<ip>[0-9A-Fa-f.:]+?)\]?:\d+: response:", RegexOptions.CultureInvariant)]
    private static partial Regex HttpdRequestLine();
}
