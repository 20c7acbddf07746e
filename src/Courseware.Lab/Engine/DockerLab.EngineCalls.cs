namespace Courseware.Lab;

// DockerLab's own verbs reach the engine through its EngineSession, as the command groups do; these keep their calls short.
public sealed partial class DockerLab
{
    internal Dictionary<string, string> NewLabels() => Session.NewLabels();

    internal static IDictionary<string, IDictionary<string, bool>> LabelFilter(string label) => EngineSession.LabelFilter(label);

    internal IDictionary<string, IDictionary<string, bool>> SessionFilter() => Session.SessionFilter();

    internal Task<T> EngineAsync<T>(string cli, Func<Task<T>> call, string? fix = null) => Session.EngineAsync(cli, call, fix);

    internal Task EngineAsync(string cli, Func<Task> call, string? fix = null) => Session.EngineAsync(cli, call, fix);
}
