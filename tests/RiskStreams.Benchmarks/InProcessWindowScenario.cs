using System.Diagnostics;
using System.Text;
using RiskStreams.Streams;
using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;

namespace RiskStreams.Benchmarks;

/// <summary>
/// <c>inproc-window</c>: the window topology in a <see cref="TopologyTestDriver"/>, records piped as pre-serialized bytes.
/// The clock runs only while records are piped (reading the output back is the harness's work and is not timed).
/// Latency is per batch of <see cref="BatchSize"/> records: the batch's processing time divided by its size.
/// </summary>
internal static class InProcessWindowScenario
{
    public const string Name = "inproc-window";
    public const int DefaultRecords = 1_000_000;
    public const int DefaultKeys = 100_000;
    private const int BatchSize = 1000;

    /// <summary>Records between commits (store flushes), as a running instance with a ~100 ms commit interval at ~100k records/s.</summary>
    private const int CommitEvery = 10_000;
    private const int WarmUpRecords = 20_000;

    // Output records are counted, never decoded.
    private static readonly Serde<byte> Ignored = Serde<byte>.From(static (_, _) => null, static (_, _, _) => 0);

    public static BenchResult Run(WindowStoreVariant variant, int records, int keys)
    {
        if (!variant.Runnable)
        {
            return BenchResult.Skip(Name, variant.Name, variant.SkipReason!);
        }

        // JIT and first-use costs are paid on a small run first, so the figures are of steady state.
        Measure(variant, new WindowWorkload(Math.Min(WarmUpRecords, records), Math.Min(keys, 1000), seed: 1), measureState: false);
        var workload = new WindowWorkload(records, keys);
        var figures = Measure(variant, workload, measureState: true);
        return new BenchResult
        {
            Scenario = Name,
            Variant = variant.Name,
            Records = records,
            Keys = workload.DistinctKeys,
            Seconds = ProcessFigures.Seconds(figures.Elapsed),
            InputEventsPerSec = ProcessFigures.Rate(records, figures.Elapsed),
            OutputRecords = figures.Output,
            ChangelogRecords = figures.Changelog,
            P50Ms = figures.Latency.Percentile(50),
            P99Ms = figures.Latency.Percentile(99),
            LatencyKind = $"in-process, per record: time of each batch of {BatchSize} piped records / {BatchSize}",
            PeakRssMb = ProcessFigures.PeakRssMb(),
            StateBytesPerKey = figures.ActiveKeys > 0 ? Math.Round(figures.HeapGrowth / (double)figures.ActiveKeys, 0) : null,
            StoreContentBytesPerKey = figures.ActiveKeys > 0 ? Math.Round(figures.StoreBytes / (double)figures.ActiveKeys, 0) : null,
            ActiveKeys = figures.ActiveKeys,
            DroppedRecords = figures.Dropped,
            Note = "stateBytesPerKey = managed heap growth (GC.GetTotalMemory after full collections) from the empty store to the end of the run / active keys; "
                + $"changelogRecords counts what the driver saw on *-changelog topics; stores are flushed (committed) every {CommitEvery} records",
        };
    }

    private static Figures Measure(WindowStoreVariant variant, WindowWorkload workload, bool measureState)
    {
        var applicationId = $"bench-inproc-{Guid.NewGuid():N}";
        using var driver = new TopologyTestDriver(WindowTopology.Build(variant), new TopologyTestDriverOptions { ApplicationId = applicationId, CacheMaxBytesBuffering = variant.CacheMaxBytes });
        var input = driver.CreateInputTopic(WindowTopology.InputTopic, Serdes.ByteArray, Serdes.ByteArray);
        var output = driver.CreateOutputTopic(WindowTopology.OutputTopic, Ignored, Ignored);
        var heapBefore = measureState ? GC.GetTotalMemory(forceFullCollection: true) : 0;
        var latency = new LatencySamples();
        var elapsed = TimeSpan.Zero;
        long outputs = 0, changelog = 0;
        for (var start = 0; start < workload.Records; start += BatchSize)
        {
            var end = Math.Min(start + BatchSize, workload.Records);
            var began = Stopwatch.GetTimestamp();
            for (var i = start; i < end; i++)
            {
                input.PipeRaw(workload.Key(i), workload.Value(i), workload.Timestamp(i));
            }

            if (end % CommitEvery == 0 || end == workload.Records)
            {
                driver.Commit();
            }

            var batch = Stopwatch.GetElapsedTime(began);
            elapsed += batch;
            latency.Add(batch.TotalMilliseconds / (end - start));
            outputs += Drain(output);
            changelog += DrainChangelogs(driver);
        }

        if (!measureState)
        {
            return new Figures(elapsed, outputs, changelog, latency, 0, 0, 0, driver.DroppedRecordCount);
        }

        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var store = driver.GetStateStore<IReadOnlyWindowStore<string, CountSum>>(WindowTopology.StoreName);
        var activeKeys = new HashSet<string>(StringComparer.Ordinal);
        long storeBytes = 0;
        foreach (var entry in store.All())
        {
            // Serialized key, window start, and the timestamped value (8-byte timestamp + 16-byte count and sum).
            storeBytes += Encoding.UTF8.GetByteCount(entry.Key.Key) + sizeof(long) + sizeof(long) + 16;
            activeKeys.Add(entry.Key.Key);
        }

        GC.KeepAlive(driver);
        return new Figures(elapsed, outputs, changelog, latency, heapGrowth, activeKeys.Count, storeBytes, driver.DroppedRecordCount);
    }

    private static long Drain<TKey, TValue>(TestOutputTopic<TKey, TValue> topic)
    {
        long count = 0;
        while (!topic.IsEmpty)
        {
            topic.ReadRecord();
            count++;
        }

        return count;
    }

    /// <summary>Reads away what the driver collected on changelog topics (none until the driver collects changelogs).</summary>
    private static long DrainChangelogs(TopologyTestDriver driver) =>
        driver.ProducedTopicNames.Where(t => t.EndsWith("-changelog", StringComparison.Ordinal)).ToList()
            .Sum(topic => Drain(driver.CreateOutputTopic(topic, Ignored, Ignored)));

    private sealed record Figures(
        TimeSpan Elapsed, long Output, long Changelog, LatencySamples Latency, long HeapGrowth, long ActiveKeys, long StoreBytes, long Dropped);
}
