namespace RiskStreams.Streams;

/// <summary>Where the record being processed came from.</summary>
public sealed record RecordMetadata(string Topic, int Partition, long Offset);
