namespace RiskStreams.Streams;

/// <summary>Picks a record's event time from its deserialized content (or keeps <paramref name="recordTimestamp"/>). A negative result drops the record, counted.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public delegate long TimestampExtractor<in TKey, in TValue>(TKey key, TValue value, long recordTimestamp);
