namespace RiskStreams.Topology;

/// <summary>A backtest input line that was not processed, and why.</summary>
/// <param name="LineNumber">1-based line number in the input.</param>
/// <param name="Reason">Why it was rejected: malformed JSON, unknown stream, a missing or invalid field, or the topology's own rejection (e.g. a negative amount).</param>
public sealed record BacktestRejection(long LineNumber, string Reason);
