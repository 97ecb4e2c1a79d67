namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>A consumer's lag on one partition, in records, as its librdkafka statistics reported it.</summary>
internal readonly record struct PartitionLag(string Topic, int Partition, long Lag);
