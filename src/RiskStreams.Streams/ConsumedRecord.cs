using Confluent.Kafka;

namespace RiskStreams.Streams;

/// <summary>One raw record read from an input topic, with its position.</summary>
public readonly record struct ConsumedRecord(
    string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, long TimestampMs, Headers? Headers);
