using System.Diagnostics;
using RiskStreams.Streams.Testing;
using Xunit.Abstractions;

namespace RiskStreams.Streams.Tests;

/// <summary>Records per second of a hopping-window count through the test driver, per store kind; prints, never asserts on time.</summary>
public sealed class StoreThroughputTests(ITestOutputHelper output)
{
    private const int Records = 100_000;
    private const int Keys = 10_000;

    [PerfFact]
    [Trait("Category", "Perf")]
    public void Hopping_window_count_throughput_in_memory_vs_rocksdb_vs_rocksdb_with_cache()
    {
        foreach (var (label, storeType, cacheBytes) in new[]
        {
            ("in-memory", StoreType.InMemory, 0L),
            ("rocksdb", StoreType.RocksDb, 0L),
            ("rocksdb+cache 64 MiB", StoreType.RocksDb, 64L << 20),
            ("in-memory+cache 64 MiB", StoreType.InMemory, 64L << 20),
        })
        {
            var (seconds, outputs) = Run(storeType, cacheBytes);
            output.WriteLine($"{label,-24} {Records / seconds,10:N0} records/s  ({Records:N0} records, {Keys:N0} keys, {outputs:N0} updates out, {seconds:F2} s)");
        }
    }

    [PerfFact]
    [Trait("Category", "Perf")]
    public void Window_bytes_store_fetch_and_put_throughput_per_store_kind()
    {
        foreach (var (label, storeType, cacheBytes) in new[]
        {
            ("in-memory", StoreType.InMemory, 0L),
            ("rocksdb", StoreType.RocksDb, 0L),
            ("rocksdb+cache 64 MiB", StoreType.RocksDb, 64L << 20),
        })
        {
            using var context = new StoreTestContext(cacheBytes);
            var (retention, size) = (TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
            var supplier = storeType == StoreType.RocksDb
                ? State.Stores.PersistentWindowStore("w", retention, size, false)
                : State.Stores.InMemoryWindowStore("w", retention, size, false);
            var store = State.Stores.WindowStoreBuilder(supplier, Serdes.String, Serdes.Long).WithLoggingDisabled().WithCachingEnabled().Build();
            store.Init(context);
            const int updates = 1_000_000;
            var keys = Enumerable.Range(0, 100_000).Select(i => $"account-{i:D6}").ToArray();
            var random = new Random(1);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < updates; i++)
            {
                // Ten hopping windows per record: the record at i * 10 ms updates starts (t - 9 min .. t) by minute.
                var time = i / 10 * 10L;
                var start = (time / 60_000 * 60_000) - (i % 10 * 60_000);
                var key = keys[random.Next(keys.Length)];
                store.Put(key, store.Fetch(key, start) + 1, Math.Max(0, start));
            }

            store.Flush();
            var seconds = watch.Elapsed.TotalSeconds;
            store.Close();
            output.WriteLine($"{label,-24} {updates / seconds,12:N0} fetch+put/s  ({updates:N0} window updates, 100,000 keys, {seconds:F2} s)");
        }
    }

    private static (double Seconds, int Outputs) Run(StoreType storeType, long cacheBytes)
    {
        var builder = new StreamsBuilder();
        var materialized = Materialized.As<string, long>("counts").WithStoreType(storeType);
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMinutes(10)).AdvanceBy(TimeSpan.FromMinutes(1)))
            .Count(cacheBytes > 0 ? materialized.WithCachingEnabled() : materialized)
            .ToStream()
            .To("out", Produced.With(WindowedSerdes.TimeWindowed(Serdes.String, TimeSpan.FromMinutes(10)), Serdes.Long));
        using var driver = new TopologyTestDriver(builder.Build(), new TopologyTestDriverOptions { CacheMaxBytesBuffering = cacheBytes });
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var outputTopic = driver.CreateOutputTopic("out", Serdes.ByteArray, Serdes.ByteArray);
        var keys = Enumerable.Range(0, Keys).Select(i => $"account-{i:D5}").ToArray();
        var random = new Random(1);
        var outputs = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Records; i++)
        {
            input.PipeInput(keys[random.Next(Keys)], "x", i * 100L);
            if (i % 10_000 == 0)
            {
                outputs += outputTopic.ReadRecordsToList().Count;
            }
        }

        outputs += outputTopic.ReadRecordsToList().Count;
        return (watch.Elapsed.TotalSeconds, outputs);
    }
}
