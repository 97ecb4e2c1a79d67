namespace RiskStreams.Benchmarks;

/// <summary>Wall clock of the in-process risk run: the highest event time piped so far, as a processor keeping pace would see it.</summary>
internal sealed class ReplayClock : TimeProvider
{
    private long _nowMs;

    public long NowMs => _nowMs;

    public void Observe(long timestampMs) => _nowMs = Math.Max(_nowMs, timestampMs);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(_nowMs);
}
