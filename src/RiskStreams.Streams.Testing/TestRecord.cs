using Confluent.Kafka;

namespace RiskStreams.Streams.Testing;

/// <summary>A record read from a test output topic.</summary>
public sealed record TestRecord<TKey, TValue>(TKey Key, TValue Value, long Timestamp, Headers? Headers = null);
