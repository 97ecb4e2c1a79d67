namespace RiskStreams.Streams;

/// <summary>
/// A table replicated in full to every application instance: each instance reads every partition of the topic
/// into a global store. Streams join it by any key computed from the record (no co-partitioning needed).
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class GlobalKTable<TKey, TValue>
{
    internal GlobalKTable(StreamsBuilder builder, string storeName, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        Builder = builder;
        QueryableStoreName = storeName;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
    }

    /// <summary>Name of the global store holding this table.</summary>
    public string QueryableStoreName { get; }

    internal StreamsBuilder Builder { get; }

    internal Serde<TKey> KeySerde { get; }

    internal Serde<TValue> ValueSerde { get; }
}
