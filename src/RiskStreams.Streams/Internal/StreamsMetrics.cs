using System.Diagnostics.Metrics;

namespace RiskStreams.Streams.Internal;

/// <summary>Engine instruments, published on the <c>RiskStreams.Streams</c> meter.</summary>
internal sealed class StreamsMetrics
{
    public const string MeterName = "RiskStreams.Streams";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RecordsProcessed = Meter.CreateCounter<long>("riskstreams.streams.records.processed", null, "Input records processed, by thread, task and topic.");
    public static readonly Counter<long> Punctuations = Meter.CreateCounter<long>("riskstreams.streams.punctuations", null, "Punctuators fired, by thread and type (stream-time, wall-clock).");
    public static readonly Counter<long> Rebalances = Meter.CreateCounter<long>("riskstreams.streams.rebalances", null, "Partition assignment changes seen by a stream thread, by thread and kind (assigned, revoked, lost).");
    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("riskstreams.streams.dead.letters", null, "Records sent to the dead-letter topic, by stage and error class.");
    public static readonly Counter<long> SkippedRecords = Meter.CreateCounter<long>("riskstreams.streams.skipped.records", null, "Records an exception handler skipped (continue), by stage and error class.");
    public static readonly Counter<long> DroppedRecords = Meter.CreateCounter<long>("riskstreams.streams.dropped.records", null, "Records dropped by operators (late, invalid timestamp), by reason.");
    public static readonly Counter<long> Commits = Meter.CreateCounter<long>("riskstreams.streams.commits", null, "Offset commits, by thread.");
    public static readonly Histogram<double> CommitLatency = Meter.CreateHistogram<double>("riskstreams.streams.commit.latency", "ms", "Flush plus commit time, by thread.");
    public static readonly Counter<long> RestoredRecords = Meter.CreateCounter<long>("riskstreams.streams.restored.records", null, "Changelog records applied to task stores while restoring, by store.");
    public static readonly UpDownCounter<long> RestoreRemainingRecords = Meter.CreateUpDownCounter<long>("riskstreams.streams.restore.remaining.records", null, "Changelog records (offsets) still to read by restoring stores, by store.");
}
