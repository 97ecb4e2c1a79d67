namespace RiskStreams.Risk.Internal;

/// <summary>
/// A stable 64-bit FNV-1a hash of an id (event ids for dedupe, merchant ids for card testing), so state holds a fixed size per id whatever the id's
/// length. Stable across processes and versions (it is stored in state), unlike <see cref="string.GetHashCode()"/>.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14_695_981_039_346_656_037;
    private const ulong Prime = 1_099_511_628_211;

    public static ulong Of(string eventId)
    {
        var hash = Offset;
        foreach (var c in eventId)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }
}
