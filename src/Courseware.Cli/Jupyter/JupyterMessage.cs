using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// One message of the Jupyter messaging protocol (5.3): the routing identities, then the delimiter, the signature, and
/// header, parent header, metadata and content as JSON frames, then any binary buffers.
/// </summary>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    public const string ProtocolVersion = "5.3";

    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    public string Type => (string?)Header["msg_type"] ?? "";

    public string Id => (string?)Header["msg_id"] ?? "";

    /// <summary>An answer to <paramref name="request"/> on the socket it came from (same identities, so the router can route it).</summary>
    public static JupyterMessage ReplyTo(JupyterMessage request, string type, JsonObject content, string session) =>
        new(request.Identities, NewHeader(type, session), (JsonObject)request.Header.DeepClone(), [], content, []);

    /// <summary>A message on iopub about <paramref name="parent"/> (null: about nothing, e.g. the first status).</summary>
    public static JupyterMessage Broadcast(JupyterMessage? parent, string type, JsonObject content, string session) =>
        new([Encoding.UTF8.GetBytes(type)], NewHeader(type, session), parent is null ? [] : (JsonObject)parent.Header.DeepClone(), [], content, []);

    private static JsonObject NewHeader(string type, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = session,
        ["username"] = "courseware",
        // Microseconds at most: jupyter_client's date pattern stops at six digits.
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };

    public IReadOnlyList<byte[]> ToFrames(MessageSigner signer)
    {
        byte[][] parts = [Bytes(Header), Bytes(ParentHeader), Bytes(Metadata), Bytes(Content)];
        return [.. Identities, Delimiter, Encoding.ASCII.GetBytes(signer.Sign(parts)), .. parts, .. Buffers];
    }

    /// <summary>The message in <paramref name="frames"/>, or null with the reason when it is malformed or its signature is wrong.</summary>
    public static JupyterMessage? Parse(IReadOnlyList<byte[]> frames, MessageSigner signer, out string? problem)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            problem = "not a Jupyter message (no <IDS|MSG> delimiter followed by signature, header, parent, metadata, content)";
            return null;
        }
        var parts = frames.Skip(delimiter + 2).Take(4).ToArray();
        if (!signer.Verify(Encoding.ASCII.GetString(frames[delimiter + 1]), parts))
        {
            problem = "bad signature: ignored (the key in the connection file signs every message)";
            return null;
        }
        try
        {
            problem = null;
            return new JupyterMessage(frames.Take(delimiter).ToArray(), Json(parts[0]), Json(parts[1]), Json(parts[2]), Json(parts[3]),
                frames.Skip(delimiter + 6).ToArray());
        }
        catch (JsonException e)
        {
            problem = $"a frame is not a JSON object: {e.Message}";
            return null;
        }
    }

    private static JsonObject Json(byte[] frame) => JsonNode.Parse(frame) as JsonObject ?? [];

    private static byte[] Bytes(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());
}
