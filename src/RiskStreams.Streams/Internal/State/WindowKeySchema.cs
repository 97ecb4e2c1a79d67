using System.Buffers.Binary;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Kafka Streams' window-store key layout (changelog keys): key bytes + 8-byte big-endian window start +
/// 4-byte big-endian sequence number. Ordered by key bytes, a key's windows are contiguous and by time.
/// </summary>
internal static class WindowKeySchema
{
    public const int TimestampSize = sizeof(long);
    public const int SeqnumSize = sizeof(int);

    public static byte[] ToStoreKey(ReadOnlySpan<byte> key, long windowStart, int seqnum)
    {
        var bytes = new byte[key.Length + TimestampSize + SeqnumSize];
        key.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowStart);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(key.Length + TimestampSize), seqnum);
        return bytes;
    }

    public static ReadOnlySpan<byte> ExtractKey(ReadOnlySpan<byte> storeKey) => storeKey[..^(TimestampSize + SeqnumSize)];

    public static long ExtractWindowStart(ReadOnlySpan<byte> storeKey) =>
        BinaryPrimitives.ReadInt64BigEndian(storeKey[^(TimestampSize + SeqnumSize)..]);

    public static int ExtractSeqnum(ReadOnlySpan<byte> storeKey) => BinaryPrimitives.ReadInt32BigEndian(storeKey[^SeqnumSize..]);
}
