namespace RiskStreams.Streams.Internal.State;

/// <summary>An aggregate with the largest timestamp of the records in it (what windowed aggregations store per window).</summary>
internal readonly record struct ValueAndTimestamp<TValue>(TValue Value, long Timestamp);
