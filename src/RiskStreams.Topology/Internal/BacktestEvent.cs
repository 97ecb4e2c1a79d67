using Avro.Specific;

namespace RiskStreams.Topology.Internal;

/// <summary>One parsed backtest input line: the contract record, the stream it belongs to, its record key and timestamp.</summary>
/// <param name="Stream">The input stream name: <c>transactions</c>, <c>logins</c>, <c>repayments</c>, <c>sync-status</c> or <c>reviews</c>.</param>
/// <param name="Key">The record key: accountId, or sourceSystem for sync-status.</param>
/// <param name="Record">The generated Avro contract (Transaction, Login, RepaymentSync, SyncStatus or ReviewDecision).</param>
/// <param name="TimestampMs">The record timestamp: the event's occurredAt, reportedAt for sync-status, decidedAt for reviews.</param>
internal sealed record BacktestEvent(string Stream, string Key, ISpecificRecord Record, long TimestampMs);
