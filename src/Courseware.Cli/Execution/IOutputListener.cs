using System.Text.Json.Nodes;

namespace Courseware.Cli.Execution;

/// <summary>
/// Hears a cell's outputs the moment the kernel produces them, in nbformat's shape. The runner reads the outputs when
/// the cell ends; the Jupyter kernel has to publish each one as it happens (a build log, a progress display).
/// </summary>
public interface IOutputListener
{
    /// <summary>Text written to stdout or stderr: only the new text, not the merged output.</summary>
    void Streamed(string name, string text);

    void Displayed(JsonObject data, string? displayId);

    void DisplayUpdated(JsonObject data, string displayId);

    void Returned(JsonObject data, int executionCount);
}
