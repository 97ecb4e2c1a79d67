namespace RiskStreams.Topology.Internal;

/// <summary>A backtest input line that cannot become an event; the message says why, for the rejected-lines report.</summary>
internal sealed class BacktestInputException(string message) : Exception(message);
