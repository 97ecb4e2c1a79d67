namespace RiskStreams.Topology.Internal;

/// <summary>
/// A settable clock for offline runs. As the backtest's <c>decidedAt</c> clock it follows the highest timestamp of the lines
/// fed that were not too far ahead (when a processor keeping pace with the events would have decided); as its skew reference
/// it is set to each line's <see cref="ReplayTimeline"/> reference. Deterministic, so the same input gives byte-identical changes.
/// </summary>
internal sealed class ReplayClock : TimeProvider
{
    private long _nowMs;

    /// <summary>Moves the clock forward to <paramref name="timestampMs"/> (never backwards).</summary>
    public void Observe(long timestampMs) => _nowMs = Math.Max(_nowMs, timestampMs);

    /// <summary>Sets the clock to <paramref name="nowMs"/>, backwards too.</summary>
    public void Set(long nowMs) => _nowMs = nowMs;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(_nowMs);
}
