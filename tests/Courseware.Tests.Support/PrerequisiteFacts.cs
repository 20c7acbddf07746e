using Xunit;
using Xunit.Sdk;

namespace Courseware.Tests.Support;

/// <summary>
/// A test that needs a Docker engine: skipped with the reason outside CI when none answers, failing in CI. It carries
/// the trait Needs=Docker (<see cref="Courseware.Tests.DockerTraitDiscoverer"/>), which selects the Docker-facing tests
/// per engine (scripts/test.sh with COURSEWARE_ENGINES).
/// </summary>
[TraitDiscoverer("Courseware.Tests.DockerTraitDiscoverer", "Courseware.Tests.Support")]
public sealed class DockerFactAttribute : FactAttribute, ITraitAttribute
{
    public DockerFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Docker);
}

/// <summary>The theory form of <see cref="DockerFactAttribute"/>, with the same trait.</summary>
[TraitDiscoverer("Courseware.Tests.DockerTraitDiscoverer", "Courseware.Tests.Support")]
public sealed class DockerTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public DockerTheoryAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Docker);
}

/// <summary>
/// A test that restarts the engine it runs on (scripts/use-engine.sh restart): root for the rootful engine, the rootless
/// engine's own user for that one. It carries Needs=EngineRestart instead of Needs=Docker, so it never runs beside
/// other tests; scripts/test.sh runs it alone.
/// </summary>
[TraitDiscoverer("Courseware.Tests.EngineRestartTraitDiscoverer", "Courseware.Tests.Support")]
public sealed class EngineRestartFactAttribute : FactAttribute, ITraitAttribute
{
    public EngineRestartFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.EngineRestart);
}

/// <summary>A test that needs Debian's python3-nbformat (Jupyter's own validator).</summary>
public sealed class NbformatFactAttribute : FactAttribute
{
    public NbformatFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Nbformat);
}

/// <summary>A test that drives the courseware kernel through Jupyter's own client (Debian's python3-jupyter-client).</summary>
public sealed class JupyterClientFactAttribute : FactAttribute
{
    public JupyterClientFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.JupyterClient);
}

/// <summary>
/// A lesson in Debian's Jupyter Notebook server, driven by headless Chromium, on the real engine. It carries
/// Needs=NotebookBrowser (not Needs=Docker): the engine matrix runs it on its first leg only.
/// </summary>
[TraitDiscoverer("Courseware.Tests.NotebookBrowserTraitDiscoverer", "Courseware.Tests.Support")]
public sealed class NotebookBrowserFactAttribute : FactAttribute, ITraitAttribute
{
    public NotebookBrowserFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Docker ?? Prerequisites.NotebookServer);
}

/// <summary>A test that opens a page in headless Chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Browser);
}

/// <summary>A test that prints a page to PDF with headless Chromium and reads the PDF with poppler-utils.</summary>
public sealed class PdfFactAttribute : FactAttribute
{
    public PdfFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Browser ?? Prerequisites.Poppler);
}

/// <summary>A test that exports an executed notebook with Debian's jupyter-nbconvert and opens the result in headless Chromium.</summary>
public sealed class NbconvertFactAttribute : FactAttribute
{
    public NbconvertFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.JupyterNbconvert ?? Prerequisites.Browser);
}

/// <summary>A test that provokes a fault as a real unprivileged user or on a real tiny file system, which takes root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Root);
}

/// <summary>
/// A test that starts Podman's Docker-compatible service (Debian's podman, as root). No Needs=Docker trait: it talks to
/// Podman only, so the engine matrix runs it once, on its first leg.
/// </summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.Podman);
}

/// <summary>
/// A test that starts a dockerd of its own on a small tmpfs (root, the installed dockerd). No Needs=Docker trait: it
/// never talks to the machine's engine, so the engine matrix runs it once, on its first leg.
/// </summary>
public sealed class ScratchEngineFactAttribute : FactAttribute
{
    public ScratchEngineFactAttribute() => Skip = Prerequisites.SkipReason(Prerequisites.ScratchEngine);
}
