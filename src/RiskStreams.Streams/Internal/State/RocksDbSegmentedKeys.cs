using System.Buffers.Binary;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Key layout of the time-segmented RocksDB stores (window and session). Data keys are
/// <c>[1][segment: 8][key length: 4][key][time: 8][tail]</c>, times and segments big-endian with the sign bit
/// flipped so that bytewise order is numeric order; the tail is the window's 4-byte sequence number or the
/// session's 8-byte start. So within a segment one key's entries are contiguous and ordered by time, then tail (the
/// length prefix stops a key that extends another from falling inside its range), and a whole segment, or every
/// segment before a given one, is one key range: expiry is a single range delete. Key <c>[0]</c> holds the store's
/// metadata.
/// </summary>
internal static class RocksDbSegmentedKeys
{
    public const byte MetadataTag = 0;
    public const byte DataTag = 1;
    public const int HeaderSize = 1 + sizeof(long) + sizeof(int);

    public static readonly byte[] MetadataKey = [MetadataTag];

    /// <summary>The first data key: everything from here up to a segment's prefix is older than that segment.</summary>
    public static readonly byte[] FirstDataKey = [DataTag];

    public static byte[] Encode(long segment, ReadOnlySpan<byte> key, long time, long tail, int tailSize)
    {
        var bytes = new byte[HeaderSize + key.Length + sizeof(long) + tailSize];
        bytes[0] = DataTag;
        WriteOrdered(bytes.AsSpan(1), segment);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1 + sizeof(long)), key.Length);
        key.CopyTo(bytes.AsSpan(HeaderSize));
        var at = HeaderSize + key.Length;
        WriteOrdered(bytes.AsSpan(at), time);
        if (tailSize == sizeof(int))
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at + sizeof(long)), (int)tail);
        }
        else
        {
            WriteOrdered(bytes.AsSpan(at + sizeof(long)), tail);
        }

        return bytes;
    }

    /// <summary>A data key without tail: <c>[1][segment][key length][key][time]</c> (the window store's block keys).</summary>
    public static byte[] Encode(long segment, ReadOnlySpan<byte> key, long time)
    {
        var bytes = new byte[HeaderSize + key.Length + sizeof(long)];
        bytes[0] = DataTag;
        WriteOrdered(bytes.AsSpan(1), segment);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1 + sizeof(long)), key.Length);
        key.CopyTo(bytes.AsSpan(HeaderSize));
        WriteOrdered(bytes.AsSpan(HeaderSize + key.Length), time);
        return bytes;
    }

    /// <summary>The prefix of every data key of <paramref name="segment"/>.</summary>
    public static byte[] SegmentPrefix(long segment)
    {
        var bytes = new byte[1 + sizeof(long)];
        bytes[0] = DataTag;
        WriteOrdered(bytes.AsSpan(1), segment);
        return bytes;
    }

    public static ReadOnlySpan<byte> Key(ReadOnlySpan<byte> storeKey) =>
        storeKey.Slice(HeaderSize, BinaryPrimitives.ReadInt32BigEndian(storeKey[(1 + sizeof(long))..]));

    public static long Time(ReadOnlySpan<byte> storeKey) =>
        ReadOrdered(storeKey[(HeaderSize + BinaryPrimitives.ReadInt32BigEndian(storeKey[(1 + sizeof(long))..]))..]);

    public static int IntTail(ReadOnlySpan<byte> storeKey) => BinaryPrimitives.ReadInt32BigEndian(storeKey[^sizeof(int)..]);

    public static long LongTail(ReadOnlySpan<byte> storeKey) => ReadOrdered(storeKey[^sizeof(long)..]);

    /// <summary>The segment of <paramref name="time"/>: floor division, so negative times fall in negative segments.</summary>
    public static long SegmentOf(long time, long segmentIntervalMs)
    {
        var segment = time / segmentIntervalMs;
        return time % segmentIntervalMs < 0 ? segment - 1 : segment;
    }

    private static void WriteOrdered(Span<byte> destination, long value) =>
        BinaryPrimitives.WriteUInt64BigEndian(destination, (ulong)value ^ 0x8000_0000_0000_0000UL);

    private static long ReadOrdered(ReadOnlySpan<byte> source) =>
        (long)(BinaryPrimitives.ReadUInt64BigEndian(source) ^ 0x8000_0000_0000_0000UL);
}
