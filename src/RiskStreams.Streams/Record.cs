using Confluent.Kafka;

namespace RiskStreams.Streams;

/// <summary>An immutable record flowing through a topology: key, value, event timestamp and headers.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
/// <param name="Key">The key (may be null for reference types).</param>
/// <param name="Value">The value (null is a tombstone for tables).</param>
/// <param name="Timestamp">Event time, epoch milliseconds.</param>
public readonly record struct Record<TKey, TValue>(TKey Key, TValue Value, long Timestamp)
{
    /// <summary>Headers carried with the record, or null.</summary>
    public Headers? Headers { get; init; }

    /// <summary>The same record with another key.</summary>
    public Record<TNewKey, TValue> WithKey<TNewKey>(TNewKey key) => new(key, Value, Timestamp) { Headers = Headers };

    /// <summary>The same record with another value.</summary>
    public Record<TKey, TNewValue> WithValue<TNewValue>(TNewValue value) => new(Key, value, Timestamp) { Headers = Headers };

    /// <summary>The same record with another timestamp.</summary>
    public Record<TKey, TValue> WithTimestamp(long timestamp) => this with { Timestamp = timestamp };
}
