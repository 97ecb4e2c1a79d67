using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// Aggregations over RocksDB stores, with and without a record cache, give exactly the output and final store
/// contents of the same topology over in-memory stores (the cache never changes what goes downstream).
/// </summary>
public sealed class PersistentStoreTopologyTests
{
    /// <summary>Store kind, and cache bytes (a small cache forces evictions; a large one only flushes on range reads and close).</summary>
    public static TheoryData<StoreType, long> Variants => new()
    {
        { StoreType.RocksDb, 0 },
        { StoreType.RocksDb, 2_000 },
        { StoreType.RocksDb, 10_000_000 },
        { StoreType.InMemory, 2_000 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Hopping_windowed_count_matches_the_in_memory_store(StoreType storeType, long cacheBytes) =>
        AssertSameAsInMemory(storeType, cacheBytes, (stream, m) => stream
            .WindowedBy(TimeWindows.OfSizeAndGrace(Ms(100), Ms(50)).AdvanceBy(Ms(20)))
            .Count(m.WithStoreType(storeType))
            .ToLabelledTopic("out", Serdes.Long));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Hopping_windowed_count_emitted_on_close_matches_the_in_memory_store(StoreType storeType, long cacheBytes) =>
        AssertSameAsInMemory(storeType, cacheBytes, (stream, m) => stream
            .WindowedBy(TimeWindows.OfSizeAndGrace(Ms(100), Ms(50)).AdvanceBy(Ms(20)))
            .EmitStrategy(EmitStrategy.OnWindowClose())
            .Count(m.WithStoreType(storeType))
            .ToLabelledTopic("out", Serdes.Long));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Sliding_windowed_count_matches_the_in_memory_store(StoreType storeType, long cacheBytes) =>
        AssertSameAsInMemory(storeType, cacheBytes, (stream, m) => stream
            .WindowedBy(SlidingWindows.OfTimeDifferenceAndGrace(Ms(50), Ms(20)))
            .Count(m.WithStoreType(storeType))
            .ToLabelledTopic("out", Serdes.Long));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Session_windowed_count_matches_the_in_memory_store(StoreType storeType, long cacheBytes) =>
        AssertSameAsInMemory(storeType, cacheBytes, (stream, m) => stream
            .WindowedBy(SessionWindows.OfInactivityGapAndGrace(Ms(30), Ms(10)))
            .Count(m.WithStoreType(storeType))
            .ToLabelledTopic("out", Serdes.Long));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Key_value_count_matches_the_in_memory_store(StoreType storeType, long cacheBytes) =>
        AssertSameAsInMemory(storeType, cacheBytes, (stream, m) => stream
            .Count(m.WithStoreType(storeType))
            .ToStream()
            .To("out", Produced.With(Serdes.String, Serdes.Long)));

    [Fact]
    public void Hopping_count_over_rocksdb_gives_the_exact_kafka_streams_output()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(5)))
            .Count(Materialized.As<string, long>(Stores.PersistentWindowStore("hop", Ms(10), Ms(10), false)))
            .ToLabelledTopic("counts", Serdes.Long);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 3);
        input.PipeInput("a", "x", 7);
        input.PipeInput("a", "x", 12);

        Assert.Equal(
            [At("a@0-10", 1L, 3), At("a@0-10", 2L, 7), At("a@5-15", 1L, 7), At("a@5-15", 2L, 12), At("a@10-20", 1L, 12)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.True(driver.GetStateStore<IStateStore>("hop").Persistent);
    }

    [Fact]
    public void Test_driver_deletes_the_state_directory_of_its_persistent_stores_on_dispose()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String)).GroupByKey()
            .Count(Materialized.As<string, long>("kv").WithStoreType(StoreType.RocksDb));
        var root = Path.Combine(Path.GetTempPath(), "riskstreams-offline");
        var before = Directory.Exists(root) ? Directory.GetDirectories(root).ToHashSet() : [];
        string created;
        using (var driver = new TopologyTestDriver(builder.Build()))
        {
            driver.CreateInputTopic("events", Serdes.String, Serdes.String).PipeInput("a", "x", 1);
            created = Assert.Single(Directory.GetDirectories(root), d => !before.Contains(d) && Directory.Exists(Path.Combine(d, "test-app", "0_0", "kv")));
        }

        Assert.False(Directory.Exists(created));
    }

    private static void AssertSameAsInMemory(
        StoreType storeType, long cacheBytes, Action<KGroupedStream<string, string>, Materialized<string, long>> aggregate)
    {
        var expected = Run(StoreType.InMemory, 0, aggregate);
        var actual = Run(storeType, cacheBytes, aggregate);
        Assert.True(expected.Output.Count > 1000, $"only {expected.Output.Count} records out");
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(expected.Dropped, actual.Dropped);
    }

    private static (List<string> Output, long Dropped) Run(
        StoreType storeType, long cacheBytes, Action<KGroupedStream<string, string>, Materialized<string, long>> aggregate)
    {
        var builder = new StreamsBuilder();
        var grouped = builder.Stream("events", Consumed.With(Serdes.String, Serdes.String)).GroupByKey();
        var materialized = Materialized.As<string, long>("counts").WithStoreType(storeType);
        aggregate(grouped, cacheBytes > 0 ? materialized.WithCachingEnabled() : materialized);
        using var driver = new TopologyTestDriver(builder.Build(), new TopologyTestDriverOptions { CacheMaxBytesBuffering = cacheBytes });
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);

        // Time mostly advances, with records up to 80 ms late (some past the grace period).
        var random = new Random(17);
        var time = 0L;
        for (var i = 0; i < 2000; i++)
        {
            time += random.Next(0, 4);
            input.PipeInput($"k{random.Next(30)}", "x", Math.Max(0, time - (random.Next(5) == 0 ? random.Next(80) : 0)));
        }

        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.Long).ReadRecordsToList()
            .Select(r => $"{r.Key}={r.Value}@{r.Timestamp}").ToList();
        return (output, driver.DroppedRecordCount);
    }
}
