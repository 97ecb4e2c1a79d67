using Confluent.Kafka;

namespace RiskStreams.Streams.Offline;

/// <summary>A record read from an output topic of an <see cref="OfflineTopologyRunner"/>.</summary>
public sealed record OfflineRecord<TKey, TValue>(TKey Key, TValue Value, long Timestamp, Headers? Headers = null);
