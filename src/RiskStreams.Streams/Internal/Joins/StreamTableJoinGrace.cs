namespace RiskStreams.Streams.Internal.Joins;

/// <summary>Grace-period settings of a stream-table join: the buffer store and the serdes of buffered records.</summary>
internal sealed record StreamTableJoinGrace<TKey, TValue>(long GraceMs, string BufferStoreName, Serde<TKey> KeySerde, Serde<TValue> ValueSerde);
