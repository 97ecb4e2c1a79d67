using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace RiskStreams.Streams;

/// <summary>Built-in serdes. Numbers are big-endian like Kafka's Java serdes, so Java and .NET agree on the bytes.</summary>
public static class Serdes
{
    /// <summary>UTF-8 strings.</summary>
    public static Serde<string> String { get; } = Serde<string>.From(
        (_, v) => v is null ? null : Encoding.UTF8.GetBytes(v),
        (_, d, isNull) => isNull ? null! : Encoding.UTF8.GetString(d));

    /// <summary>64-bit integers, 8 bytes big-endian.</summary>
    public static Serde<long> Long { get; } = Serde<long>.From(
        (_, v) => { var b = new byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); return b; },
        (_, d, isNull) => isNull ? 0 : BinaryPrimitives.ReadInt64BigEndian(d));

    /// <summary>32-bit integers, 4 bytes big-endian.</summary>
    public static Serde<int> Int { get; } = Serde<int>.From(
        (_, v) => { var b = new byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, v); return b; },
        (_, d, isNull) => isNull ? 0 : BinaryPrimitives.ReadInt32BigEndian(d));

    /// <summary>IEEE 754 doubles, 8 bytes big-endian.</summary>
    public static Serde<double> Double { get; } = Serde<double>.From(
        (_, v) => { var b = new byte[8]; BinaryPrimitives.WriteDoubleBigEndian(b, v); return b; },
        (_, d, isNull) => isNull ? 0 : BinaryPrimitives.ReadDoubleBigEndian(d));

    /// <summary>Raw bytes, unchanged.</summary>
    public static Serde<byte[]> ByteArray { get; } = Serde<byte[]>.From((_, v) => v, (_, d, isNull) => isNull ? null! : d.ToArray());

    /// <summary>Adapts a Confluent.Kafka serializer and deserializer (e.g. the Avro serdes) for record values.</summary>
    public static Serde<T> FromConfluent<T>(ISerializer<T> serializer, IDeserializer<T> deserializer, MessageComponentType component = MessageComponentType.Value)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        return Serde<T>.From(
            (topic, v) => v is null ? null : serializer.Serialize(v, new SerializationContext(component, topic)),
            (topic, d, isNull) => deserializer.Deserialize(d, isNull, new SerializationContext(component, topic)));
    }
}
