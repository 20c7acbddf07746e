using System.Security.Cryptography;

namespace Courseware.Cli.Jupyter;

/// <summary>
/// HMAC-SHA256 over a message's header, parent header, metadata and content, as lowercase hex (the protocol's wire
/// format). An empty key means an unsigned session: the signature is empty and every message is accepted.
/// </summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] _key = System.Text.Encoding.UTF8.GetBytes(key);

    public bool Signs => _key.Length > 0;

    public string Sign(IEnumerable<byte[]> parts)
    {
        if (!Signs) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var part in parts) hmac.AppendData(part);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Constant-time comparison, so a forged signature cannot be found byte by byte.</summary>
    public bool Verify(string signature, IEnumerable<byte[]> parts)
    {
        if (!Signs) return true;
        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(parts));
        var actual = System.Text.Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
