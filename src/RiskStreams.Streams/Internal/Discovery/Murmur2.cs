namespace RiskStreams.Streams.Internal.Discovery;

/// <summary>
/// The partition of a key as Kafka's Java producer and librdkafka's <c>murmur2_random</c> partitioner pick it (the
/// engine's and our producers' default): <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>.
/// </summary>
internal static class Murmur2
{
    public static int Hash(ReadOnlySpan<byte> data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        unchecked
        {
            var length = data.Length;
            var h = 0x9747b28c ^ (uint)length;
            var blocks = length / 4;
            for (var i = 0; i < blocks; i++)
            {
                var k = (uint)(data[i * 4] | (data[(i * 4) + 1] << 8) | (data[(i * 4) + 2] << 16) | (data[(i * 4) + 3] << 24));
                k *= m;
                k ^= k >> r;
                k *= m;
                h *= m;
                h ^= k;
            }

            var tail = length & ~3;
            switch (length % 4)
            {
                case 3:
                    h ^= (uint)data[tail + 2] << 16;
                    h ^= (uint)data[tail + 1] << 8;
                    h ^= data[tail];
                    h *= m;
                    break;
                case 2:
                    h ^= (uint)data[tail + 1] << 8;
                    h ^= data[tail];
                    h *= m;
                    break;
                case 1:
                    h ^= data[tail];
                    h *= m;
                    break;
            }

            h ^= h >> 13;
            h *= m;
            h ^= h >> 15;
            return (int)h;
        }
    }

    public static int Partition(ReadOnlySpan<byte> key, int partitions) => (Hash(key) & 0x7fffffff) % partitions;
}
