using System.Collections.Concurrent;
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
    public static readonly Counter<long> ThreadDeaths = Meter.CreateCounter<long>("riskstreams.streams.thread.deaths", null, "Stream or global threads that ended on an error, by thread, error class and action (replaced: a new thread rejoined the group; stopped: the instance stops in error).");
    public static readonly UpDownCounter<long> DependencyPausedPartitions = Meter.CreateUpDownCounter<long>("riskstreams.streams.dependency.paused.partitions", null, "Input partitions paused now because a dependency (e.g. the Schema Registry) is unavailable, by thread.");
    public static readonly Counter<long> DependencyPauses = Meter.CreateCounter<long>("riskstreams.streams.dependency.pauses", null, "Times a task was held back (its partitions paused) by an unavailable dependency, by thread and task.");
    public static readonly Histogram<double> CommitLatency = Meter.CreateHistogram<double>("riskstreams.streams.commit.latency", "ms", "Flush plus commit time, by thread.");
    /// <summary>Instances whose task stores the store-size gauge reports (registered while running).</summary>
    private static readonly ConcurrentDictionary<Runtime.Kafka.TaskRegistry, string> Instances = new();

    public static readonly ObservableGauge<long> StoreEntries = Meter.CreateObservableGauge("riskstreams.streams.store.entries", ObserveStoreEntries, null,
        "Entries in each key-value or versioned store, by application, task and store (read at collection).");

    public static readonly Counter<long> RestoredRecords = Meter.CreateCounter<long>("riskstreams.streams.restored.records", null, "Changelog records applied to task stores while restoring, by store.");
    public static readonly UpDownCounter<long> RestoreRemainingRecords = Meter.CreateUpDownCounter<long>("riskstreams.streams.restore.remaining.records", null, "Changelog records (offsets) still to read by restoring stores, by store.");

    /// <summary>Prometheus <c>riskstreams_streams_consume_to_produce_latency_seconds</c>: from the consumer handing over an input record to an output it led to going to the producer, by output topic.</summary>
    public static readonly Histogram<double> ConsumeToProduceLatency = Meter.CreateHistogram<double>("riskstreams.streams.consume.to.produce.latency", "seconds",
        "Time from an input record's arrival from the consumer to an output it caused being handed to the producer, by output topic.");

    /// <summary>Prometheus <c>riskstreams_streams_consumer_lag_records</c>, from the consumers' librdkafka statistics.</summary>
    public static readonly ObservableGauge<long> ConsumerLag = Meter.CreateObservableGauge("riskstreams.streams.consumer.lag.records", Runtime.Kafka.ConsumerLagStatistics.Observe, null,
        "Records between the consumer position (or committed offset) and the partition's high watermark, by topic and partition (librdkafka statistics, every second).");

    /// <summary>Prometheus <c>riskstreams_streams_stream_time_lag_seconds</c>: the end-to-end lag of each task.</summary>
    public static readonly ObservableGauge<double> StreamTimeLag = Meter.CreateObservableGauge("riskstreams.streams.stream.time.lag.seconds", ObserveStreamTimeLag, null,
        "Wall clock minus the task's stream time (the newest event time it processed), by application and task; absent before a task's first record.");

    public static void Register(Runtime.Kafka.TaskRegistry registry, string applicationId) => Instances[registry] = applicationId;

    public static void Unregister(Runtime.Kafka.TaskRegistry registry) => Instances.TryRemove(registry, out _);

    private static List<Measurement<double>> ObserveStreamTimeLag()
    {
        var measurements = new List<Measurement<double>>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (registry, applicationId) in Instances)
        {
            foreach (var task in registry.All)
            {
                if (task.Task.Context.StreamTime is var streamTime && streamTime != long.MinValue)
                {
                    measurements.Add(new Measurement<double>((now - streamTime) / 1000.0, new("application", applicationId), task.MetricTag));
                }
            }
        }

        return measurements;
    }

    private static IEnumerable<Measurement<long>> ObserveStoreEntries()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var (registry, applicationId) in Instances)
        {
            foreach (var task in registry.All)
            {
                foreach (var (store, entries) in task.StoreSizes())
                {
                    measurements.Add(new Measurement<long>(entries, new("application", applicationId), task.MetricTag, new("store", store)));
                }
            }
        }

        return measurements;
    }
}
