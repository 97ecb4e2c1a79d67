namespace RiskStreams.Streams.Reset;

/// <summary>The group's committed offset of one partition before the reset, and the offset it is (or would be) set to.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Before">The committed offset before the reset; null when the group had none.</param>
/// <param name="After">The offset committed by the reset.</param>
public sealed record OffsetReset(string Topic, int Partition, long? Before, long After);
