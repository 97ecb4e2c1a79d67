using System.Buffers.Binary;
using System.Text;

namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>
/// The Java client's default partitioner (murmur2 of the key bytes, sign bit cleared, modulo the partition count),
/// written here to check independently what librdkafka's <c>murmur2_random</c> picks.
/// </summary>
internal static class KafkaMurmur2
{
    private const uint Seed = 0x9747b28c;
    private const uint Multiplier = 0x5bd1e995;

    public static int Partition(string key, int partitionCount) =>
        (Hash(Encoding.UTF8.GetBytes(key)) & 0x7fffffff) % partitionCount;

    public static int Hash(ReadOnlySpan<byte> data)
    {
        var h = Seed ^ (uint)data.Length;
        var whole = data.Length & ~3;
        for (var i = 0; i < whole; i += 4)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            k *= Multiplier;
            k ^= k >> 24;
            k *= Multiplier;
            h *= Multiplier;
            h ^= k;
        }

        var tail = data[whole..];
        if (tail.Length == 3)
        {
            h ^= (uint)tail[2] << 16;
        }

        if (tail.Length >= 2)
        {
            h ^= (uint)tail[1] << 8;
        }

        if (tail.Length >= 1)
        {
            h ^= tail[0];
            h *= Multiplier;
        }

        h ^= h >> 13;
        h *= Multiplier;
        h ^= h >> 15;
        return unchecked((int)h);
    }
}
