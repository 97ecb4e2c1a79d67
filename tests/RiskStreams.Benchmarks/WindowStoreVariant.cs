using RiskStreams.Streams;

namespace RiskStreams.Benchmarks;

/// <summary>
/// A kind of window store the window scenarios run with: a name and how to materialize the aggregation's store (name,
/// retention, window size). A variant whose store is not in this build carries the reason instead and is reported as skipped.
/// </summary>
internal sealed record WindowStoreVariant(string Name, Func<string, TimeSpan, TimeSpan, Materialized<string, CountSum>>? Materializer, string? SkipReason = null)
{
    /// <summary>Record cache budget per caching store and task; 0 for variants without the cache.</summary>
    public long CacheMaxBytes { get; init; }

    public bool Runnable => Materializer is not null;

    public Materialized<string, CountSum> Materialize(string storeName, TimeSpan retention, TimeSpan windowSize) =>
        (Materializer ?? throw new InvalidOperationException($"Window store variant '{Name}' cannot run: {SkipReason}"))(storeName, retention, windowSize)
            .WithKeySerde(Serdes.String)
            .WithValueSerde(CountSum.Serde);
}
