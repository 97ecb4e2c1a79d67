using Avro.Specific;

namespace RiskStreams.Topology.Internal;

/// <summary>One parsed backtest input line: the contract record, the stream it belongs to, its record key and timestamp.</summary>
/// <param name="Stream">The input stream name: <c>transactions</c>, <c>logins</c>, <c>repayments</c> or <c>sync-status</c>.</param>
/// <param name="Key">The record key: accountId, or sourceSystem for sync-status.</param>
/// <param name="Record">The generated Avro contract (Transaction, Login, RepaymentSync or SyncStatus).</param>
/// <param name="TimestampMs">The record timestamp: the event's occurredAt, or reportedAt for sync-status.</param>
internal sealed record BacktestEvent(string Stream, string Key, ISpecificRecord Record, long TimestampMs);
