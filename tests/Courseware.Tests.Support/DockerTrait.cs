using Xunit.Abstractions;
using Xunit.Sdk;

namespace Courseware.Tests;

/// <summary>
/// The trait <c>Needs=Docker</c> that every Docker-facing test carries. The DockerFact/DockerTheory attributes give it
/// themselves (they are their own trait attribute), so a test cannot need Docker without carrying it. The engine
/// matrix (scripts/test.sh with COURSEWARE_ENGINES) runs exactly this set on every engine after the first:
/// <c>dotnet test --filter Needs=Docker</c>.
/// </summary>
public sealed class DockerTraitDiscoverer : ITraitDiscoverer
{
    public const string Name = "Needs";
    public const string Value = "Docker";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new(Name, Value)];
}

/// <summary>
/// The trait <c>Needs=EngineRestart</c>: a test that restarts the real engine. Every other test on that engine would see
/// it go away, so scripts/test.sh runs these alone, after the rest (<c>--filter Needs=EngineRestart</c>), on every engine.
/// </summary>
public sealed class EngineRestartTraitDiscoverer : ITraitDiscoverer
{
    public const string Value = "EngineRestart";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new(DockerTraitDiscoverer.Name, Value)];
}

/// <summary>
/// The trait <c>Needs=NotebookBrowser</c>: a lesson run in Jupyter Notebook in headless Chromium. What it tests is the
/// front end, which does not depend on the engine, so the engine matrix runs it on its first leg only (with every
/// test but the engine restarts), not on the further legs (<c>--filter Needs=Docker</c>).
/// </summary>
public sealed class NotebookBrowserTraitDiscoverer : ITraitDiscoverer
{
    public const string Value = "NotebookBrowser";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new(DockerTraitDiscoverer.Name, Value)];
}
