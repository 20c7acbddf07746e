using System.Text.Json;
using System.Text.Json.Serialization;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// The JSON file a Jupyter front end writes before it starts a kernel: where to bind the five sockets and the key that
/// signs every message (jupyter_client's <c>connect.py</c> writes the same fields).
/// </summary>
public sealed record ConnectionFile(
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("shell_port")] int ShellPort,
    [property: JsonPropertyName("control_port")] int ControlPort,
    [property: JsonPropertyName("iopub_port")] int IopubPort,
    [property: JsonPropertyName("stdin_port")] int StdinPort,
    [property: JsonPropertyName("hb_port")] int HeartbeatPort,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("signature_scheme")] string SignatureScheme)
{
    /// <summary>Reads the file; a missing file or one that is no connection file throws <see cref="InvalidDataException"/> with the reason.</summary>
    public static ConnectionFile Read(string path)
    {
        ConnectionFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ConnectionFile>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"cannot read the connection file {path}: {e.Message}");
        }
        if (file is null || string.IsNullOrEmpty(file.Ip) || file.ShellPort == 0)
            throw new InvalidDataException($"{path} is not a Jupyter connection file (it needs ip, shell_port, iopub_port, … and key)");
        if (file.Transport != "tcp")
            throw new InvalidDataException($"{path} asks for the '{file.Transport}' transport; this kernel speaks tcp (the default of every Jupyter front end)");
        if (!string.IsNullOrEmpty(file.Key) && file.SignatureScheme != "hmac-sha256")
            throw new InvalidDataException($"{path} asks for the signature scheme '{file.SignatureScheme}'; this kernel signs with hmac-sha256 (Jupyter's default)");
        return file;
    }

    public string Address(int port) => $"{Transport}://{Ip}:{port}";
}
