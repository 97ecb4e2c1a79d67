namespace RiskStreams.Streams;

/// <summary>An output record that failed to be produced.</summary>
/// <param name="Topic">The output topic.</param>
/// <param name="Key">The serialized key, or null when the key failed to serialize or is null.</param>
/// <param name="Value">The serialized value, or null when the value failed to serialize or is a tombstone.</param>
/// <param name="TimestampMs">The output record's timestamp; null for broker refusals (librdkafka does not report it).</param>
/// <param name="Source">The input record being processed when the output was sent; null for broker errors, which arrive after processing moved on.</param>
public sealed record ProductionErrorContext(string Topic, byte[]? Key, byte[]? Value, long? TimestampMs, ConsumedRecord? Source);
