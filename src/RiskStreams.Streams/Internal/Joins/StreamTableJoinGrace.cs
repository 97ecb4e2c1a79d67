namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// Grace-period settings of a stream-table join: the buffer store, the serdes of buffered records, and the wall-clock idle time
/// after which the buffer is released without waiting for stream time (null: never).
/// </summary>
internal sealed record StreamTableJoinGrace<TKey, TValue>(long GraceMs, string BufferStoreName, Serde<TKey> KeySerde, Serde<TValue> ValueSerde, long? IdleReleaseMs = null);
