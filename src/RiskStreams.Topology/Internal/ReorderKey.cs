using System.Buffers.Binary;
using RiskStreams.Streams;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Key of the reorder buffer: event time, then arrival sequence (the release order). Encoded in 16 bytes so that the
/// store's unsigned lexicographic byte order is this order too: the event time in offset binary (sign bit flipped, so
/// times before 1970 sort before later ones), then the non-negative sequence, both big-endian.
/// </summary>
internal readonly record struct ReorderKey(long EventTimeMs, long Sequence) : IComparable<ReorderKey>
{
    public const int Size = 16;

    /// <summary>Serde of the buffer's keys.</summary>
    public static Serde<ReorderKey> Serde { get; } = Serde<ReorderKey>.From((_, key) => key.Encode(), (_, data, _) => Decode(data));

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)EventTimeMs ^ 0x8000_0000_0000_0000UL);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), Sequence);
        return bytes;
    }

    public static ReorderKey Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length != Size)
        {
            throw new FormatException($"A reorder-buffer key has {Size} bytes; this one has {data.Length}.");
        }

        return new ReorderKey((long)(BinaryPrimitives.ReadUInt64BigEndian(data) ^ 0x8000_0000_0000_0000UL), BinaryPrimitives.ReadInt64BigEndian(data[8..]));
    }

    public int CompareTo(ReorderKey other)
    {
        var byTime = EventTimeMs.CompareTo(other.EventTimeMs);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }
}
