namespace RiskStreams.Streams;

/// <summary>How a source reads a topic: serdes, event-time extractor, node name.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed record Consumed<TKey, TValue>(Serde<TKey> KeySerde, Serde<TValue> ValueSerde)
{
    /// <summary>Event time from the record content; default is the record timestamp.</summary>
    public TimestampExtractor<TKey, TValue>? TimestampExtractor { get; init; }

    /// <summary>Source node name; generated when null.</summary>
    public string? Name { get; init; }

    /// <summary>With an event-time extractor.</summary>
    public Consumed<TKey, TValue> WithTimestampExtractor(TimestampExtractor<TKey, TValue> extractor) => this with { TimestampExtractor = extractor };

    /// <summary>With a node name.</summary>
    public Consumed<TKey, TValue> WithName(string name) => this with { Name = name };
}

/// <summary>Factories of <see cref="Consumed{TKey, TValue}"/>.</summary>
public static class Consumed
{
    /// <summary>Reads with these serdes.</summary>
    public static Consumed<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) => new(keySerde, valueSerde);
}
