using System.Text.Json.Nodes;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// What the kernel tells a front end about itself (kernel_info_reply). language_info decides the cell's syntax
/// highlighting and the file a notebook exports to: C#, as the official .NET kernel describes it.
/// </summary>
public static class KernelInfo
{
    public const string LanguageName = "C#";

    public static JsonObject Reply() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "courseware",
        ["implementation_version"] = typeof(KernelInfo).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = LanguageName,
            ["version"] = Environment.Version.ToString(),
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = "C# (Courseware): the .NET Interactive C# kernel, hosted by courseware, for the Docker networking lessons",
        ["help_links"] = new JsonArray(),
    };
}
