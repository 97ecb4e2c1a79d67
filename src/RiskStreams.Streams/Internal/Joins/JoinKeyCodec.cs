using System.Buffers.Binary;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// Byte layouts of the join buffers' keys, chosen so the bytes store's unsigned-lexicographic order is the order
/// the joins read them in. Timestamps are written big-endian with the sign bit flipped, so byte order is numeric order.
/// </summary>
internal static class JoinKeyCodec
{
    public const int TimestampSize = 8;
    public const int SeqSize = 4;

    /// <summary>Window buffer key: [key length][key][timestamp][seq] — one key's records are contiguous, by time, then arrival.</summary>
    public static byte[] WindowKey(byte[] key, long timestamp, uint seq)
    {
        var bytes = new byte[4 + key.Length + TimestampSize + SeqSize];
        BinaryPrimitives.WriteInt32BigEndian(bytes, key.Length);
        key.CopyTo(bytes, 4);
        WriteTimestamp(bytes.AsSpan(4 + key.Length), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + key.Length + TimestampSize), seq);
        return bytes;
    }

    public static long WindowKeyTimestamp(byte[] windowKey) =>
        ReadTimestamp(windowKey.AsSpan(windowKey.Length - TimestampSize - SeqSize));

    /// <summary>Outer buffer key: [timestamp][side][key length][key][seq] — by time, right side (0) before left side (1), then key.</summary>
    public static byte[] OuterKey(long timestamp, bool leftSide, byte[] key, uint seq)
    {
        var bytes = new byte[TimestampSize + 1 + 4 + key.Length + SeqSize];
        WriteTimestamp(bytes, timestamp);
        bytes[TimestampSize] = leftSide ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(TimestampSize + 1), key.Length);
        key.CopyTo(bytes, TimestampSize + 5);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(bytes.Length - SeqSize), seq);
        return bytes;
    }

    public static (long Timestamp, bool LeftSide, byte[] Key) ReadOuterKey(byte[] outerKey)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(outerKey.AsSpan(TimestampSize + 1));
        return (ReadTimestamp(outerKey), outerKey[TimestampSize] == 1, outerKey.AsSpan(TimestampSize + 5, length).ToArray());
    }

    /// <summary>Time-ordered buffer key: [timestamp][seq].</summary>
    public static byte[] TimeKey(long timestamp, uint seq)
    {
        var bytes = new byte[TimestampSize + SeqSize];
        WriteTimestamp(bytes, timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(TimestampSize), seq);
        return bytes;
    }

    public static long ReadTimestamp(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt64BigEndian(bytes) ^ long.MinValue;

    public static uint ReadSeq(byte[] key) => BinaryPrimitives.ReadUInt32BigEndian(key.AsSpan(key.Length - SeqSize));

    private static void WriteTimestamp(Span<byte> bytes, long timestamp) => BinaryPrimitives.WriteInt64BigEndian(bytes, timestamp ^ long.MinValue);
}
