using System.Security.Cryptography;
using System.Text;

namespace RiskStreams.Risk;

/// <summary>
/// Pseudonymous tags of entities carried in evidence instead of their ids: a kind prefix and the first 12 hex digits of the
/// SHA-256 of the id (<c>device:3f2a9c0d41be</c>). Stable, so analysts can correlate changes of one entity; not a secret (the
/// space of IPv4 addresses is small enough to hash exhaustively), so it identifies an entity, never an account.
/// </summary>
public static class EntityTags
{
    /// <summary>The tag of <paramref name="id"/> of kind <paramref name="kind"/> (<c>device</c>, <c>ip</c>, <c>merchant</c>).</summary>
    public static string Of(string kind, string id)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return kind + ":" + Convert.ToHexStringLower(hash[..6]);
    }
}
