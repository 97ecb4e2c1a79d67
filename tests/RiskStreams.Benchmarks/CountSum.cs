using System.Buffers.Binary;
using RiskStreams.Streams;

namespace RiskStreams.Benchmarks;

/// <summary>The windowed aggregate of the window scenarios: how many records and the sum of their amounts.</summary>
internal readonly record struct CountSum(long Count, long Sum)
{
    /// <summary>16 bytes, big-endian count then sum.</summary>
    public static Serde<CountSum> Serde { get; } = Serde<CountSum>.From(
        static (_, value) =>
        {
            var bytes = new byte[16];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value.Count);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), value.Sum);
            return bytes;
        },
        static (_, data, isNull) => isNull ? default : new CountSum(BinaryPrimitives.ReadInt64BigEndian(data), BinaryPrimitives.ReadInt64BigEndian(data[8..])));

    public CountSum Add(long amount) => new(Count + 1, Sum + amount);
}
