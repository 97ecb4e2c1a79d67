namespace RiskStreams.Topology.Internal;

/// <summary>
/// The backtest's clock for <c>decidedAt</c>: the highest record timestamp fed so far, i.e. the
/// moment a processor keeping pace with the events would have decided. Deterministic, so the same
/// input gives byte-identical changes.
/// </summary>
internal sealed class ReplayClock : TimeProvider
{
    private long _nowMs;

    /// <summary>Moves the clock forward to <paramref name="timestampMs"/> (never backwards).</summary>
    public void Observe(long timestampMs) => _nowMs = Math.Max(_nowMs, timestampMs);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(_nowMs);
}
