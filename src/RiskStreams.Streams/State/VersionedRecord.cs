namespace RiskStreams.Streams.State;

/// <summary>One version of a key's value in a versioned store: the value and the time range it is valid for.</summary>
/// <typeparam name="TValue">Value type.</typeparam>
/// <param name="Value">The value (never a tombstone: stores return null instead of a deleted version).</param>
/// <param name="Timestamp">The time from which the value is valid (inclusive), epoch milliseconds.</param>
/// <param name="ValidTo">The time until which the value is valid (exclusive), or null while it is the latest version.</param>
public sealed record VersionedRecord<TValue>(TValue Value, long Timestamp, long? ValidTo = null);
