using System.Buffers.Binary;
using Confluent.Kafka;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// The generic window topology on Streamiz.Kafka.Net 1.8.2, built like <see cref="OurWindowTopology"/>: same serialized input
/// (UTF-8 key, 8-byte big-endian amount), same windows with no grace, store retention = window size, same output bytes.
/// Streamiz has no sliding or session windows.
/// </summary>
internal static class StreamizWindowTopology
{
    public static string? Unsupported(WindowKind kind) => kind is WindowKind.Sliding or WindowKind.Session
        ? $"Streamiz.Kafka.Net 1.8.2 has no {kind.ToString().ToLowerInvariant()} windows"
        : null;

    public static Streamiz.Kafka.Net.Stream.Topology Build(WindowKind kind, bool rocksDb, string inputTopic, string outputTopic)
    {
        var size = OurWindowTopology.Size;
        var builder = new StreamBuilder();
        var grouped = builder.Stream(inputTopic, new StringSerDes(), new BigEndianLongSerDes()).GroupByKey();
        var windowed = kind switch
        {
            WindowKind.Tumbling => grouped.WindowedBy(TumblingWindowOptions.Of(size, TimeSpan.Zero)),
            WindowKind.Hopping => grouped.WindowedBy(HoppingWindowOptions.Of(size, OurWindowTopology.Advance, TimeSpan.Zero)),
            _ => throw new ArgumentException(Unsupported(kind), nameof(kind)),
        };
        var materialized = rocksDb
            ? RocksDbWindows.As<string, CountSum>(OurWindowTopology.StoreName, size)
            : InMemoryWindows.As<string, CountSum>(OurWindowTopology.StoreName, size);
        windowed.Aggregate(static () => default(CountSum), static (_, amount, a) => a.Add(amount),
                materialized.WithKeySerdes(new StringSerDes()).WithValueSerdes(new CountSumSerDes()).WithRetention(size))
            .ToStream()
            .To(outputTopic, new TimeWindowedSerDes<string>(new StringSerDes(), (long)size.TotalMilliseconds), new CountSumSerDes());
        return builder.Build();
    }

    /// <summary>
    /// A Streamiz windowed output key in RiskStreams' layout (UTF-8 key, 8-byte big-endian window start), so output digests
    /// compare what was written (key, window, count, sum), not how each engine lays out a windowed key.
    /// </summary>
    public static byte[] CanonicalKey(byte[] streamizKey)
    {
        var windowed = new TimeWindowedSerDes<string>(new StringSerDes(), (long)OurWindowTopology.Size.TotalMilliseconds)
            .Deserialize(streamizKey, new SerializationContext(MessageComponentType.Key, "cmp"));
        var key = System.Text.Encoding.UTF8.GetBytes(windowed.Key);
        var bytes = new byte[key.Length + 8];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowed.Window.StartMs);
        return bytes;
    }

    /// <summary>A long as RiskStreams' <c>Serdes.Long</c> writes it (Streamiz's Int64SerDes is little-endian).</summary>
    internal sealed class BigEndianLongSerDes : AbstractSerDes<long>
    {
        public override long Deserialize(byte[] data, SerializationContext context) => BinaryPrimitives.ReadInt64BigEndian(data);

        public override byte[] Serialize(long data, SerializationContext context)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, data);
            return bytes;
        }
    }

    /// <summary><see cref="CountSum.Serde"/>'s bytes.</summary>
    private sealed class CountSumSerDes : AbstractSerDes<CountSum>
    {
        public override CountSum Deserialize(byte[] data, SerializationContext context) => CountSum.Serde.Deserialize(context.Topic, data, data is null);

        public override byte[] Serialize(CountSum data, SerializationContext context) => CountSum.Serde.Serialize(context.Topic, data)!;
    }
}
