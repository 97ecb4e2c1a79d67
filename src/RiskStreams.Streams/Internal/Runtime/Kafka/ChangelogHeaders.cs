using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The headers of a changelog record, which let restoration skip changes made by processing that will be replayed.
/// <list type="bullet">
/// <item><c>rs.pos</c>: the task's input position after the record whose processing made the change. Layout: a
/// version byte (1), an unsigned LEB128 entry count, then per input partition: LEB128 topic length, the topic in
/// UTF-8, LEB128 partition, LEB128 next offset. Topic names are spelled out rather than indexed so a changelog stays
/// readable after the topology's source list changes.</item>
/// <item><c>rs.st</c>: the task's stream time, 8 bytes big-endian.</item>
/// </list>
/// </summary>
internal static class ChangelogHeaders
{
    public const string Position = "rs.pos";
    public const string StreamTime = "rs.st";
    private const byte Version = 1;

    public static byte[] EncodePosition(IReadOnlyList<TopicPartitionOffset> position)
    {
        var topics = new byte[position.Count][];
        var size = 1 + VarintSize((ulong)position.Count);
        for (var i = 0; i < position.Count; i++)
        {
            topics[i] = Encoding.UTF8.GetBytes(position[i].Topic);
            size += VarintSize((ulong)topics[i].Length) + topics[i].Length + VarintSize((ulong)position[i].Partition.Value) + VarintSize((ulong)position[i].Offset.Value);
        }

        var bytes = new byte[size];
        var at = 0;
        bytes[at++] = Version;
        at = WriteVarint(bytes, at, (ulong)position.Count);
        for (var i = 0; i < position.Count; i++)
        {
            at = WriteVarint(bytes, at, (ulong)topics[i].Length);
            topics[i].CopyTo(bytes, at);
            at += topics[i].Length;
            at = WriteVarint(bytes, at, (ulong)position[i].Partition.Value);
            at = WriteVarint(bytes, at, (ulong)position[i].Offset.Value);
        }

        return bytes;
    }

    /// <exception cref="FormatException">The bytes are not a position of a known version.</exception>
    public static List<TopicPartitionOffset> DecodePosition(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes[0] != Version)
        {
            throw new FormatException($"Unknown {Position} header version {(bytes.IsEmpty ? "(empty)" : bytes[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        var at = 1;
        var count = (int)ReadVarint(bytes, ref at);
        var result = new List<TopicPartitionOffset>(count);
        for (var i = 0; i < count; i++)
        {
            var length = (int)ReadVarint(bytes, ref at);
            var topic = Encoding.UTF8.GetString(bytes.Slice(at, length));
            at += length;
            var partition = (int)ReadVarint(bytes, ref at);
            var offset = (long)ReadVarint(bytes, ref at);
            result.Add(new TopicPartitionOffset(topic, partition, offset));
        }

        return result;
    }

    public static byte[] EncodeStreamTime(long streamTime)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, streamTime);
        return bytes;
    }

    /// <exception cref="FormatException">Not 8 bytes.</exception>
    public static long DecodeStreamTime(ReadOnlySpan<byte> bytes) => bytes.Length == sizeof(long)
        ? BinaryPrimitives.ReadInt64BigEndian(bytes)
        : throw new FormatException($"A {StreamTime} header has 8 bytes, not {bytes.Length}.");

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int WriteVarint(byte[] bytes, int at, ulong value)
    {
        while (value >= 0x80)
        {
            bytes[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[at++] = (byte)value;
        return at;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= bytes.Length)
            {
                throw new FormatException($"Truncated {Position} header.");
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException($"Malformed varint in a {Position} header.");
    }
}
