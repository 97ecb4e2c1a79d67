namespace RiskStreams.Streams;

/// <summary>
/// Serializer and deserializer of one type, as one object. Topics and stores use serdes at their
/// edges only; inside a task records stay typed.
/// </summary>
/// <typeparam name="T">The type.</typeparam>
public abstract class Serde<T>
{
    /// <summary>Encodes <paramref name="value"/> written to <paramref name="topic"/>; null stays null.</summary>
    public abstract byte[]? Serialize(string topic, T value);

    /// <summary>Decodes bytes read from <paramref name="topic"/>; null bytes give the default value.</summary>
    public abstract T Deserialize(string topic, ReadOnlySpan<byte> data, bool isNull);

    /// <summary>Builds a serde from two functions.</summary>
    public static Serde<T> From(Func<string, T, byte[]?> serialize, Func<string, ReadOnlySpan<byte>, bool, T> deserialize) =>
        new DelegateSerde(serialize, deserialize);

    /// <summary>A short name for descriptions.</summary>
    public override string ToString() => GetType().Name;

    private sealed class DelegateSerde(Func<string, T, byte[]?> serialize, Func<string, ReadOnlySpan<byte>, bool, T> deserialize) : Serde<T>
    {
        public override byte[]? Serialize(string topic, T value) => serialize(topic, value);

        public override T Deserialize(string topic, ReadOnlySpan<byte> data, bool isNull) => deserialize(topic, data, isNull);
    }
}
