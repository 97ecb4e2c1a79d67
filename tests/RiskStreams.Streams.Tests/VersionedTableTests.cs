using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

public sealed class VersionedTableTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Versioned_store_answers_as_of_reads_with_validity_ranges()
    {
        var store = OpenStore(Minute, out _);
        store.Put("k", "a", 10);
        store.Put("k", "b", 20);
        store.Put("k", "c", 30);

        Assert.Equal(new VersionedRecord<string>("c", 30), store.Get("k"));
        Assert.Equal(new VersionedRecord<string>("c", 30), store.Get("k", 35));
        Assert.Equal(new VersionedRecord<string>("b", 20, 30), store.Get("k", 29));
        Assert.Equal(new VersionedRecord<string>("b", 20, 30), store.Get("k", 20));
        Assert.Equal(new VersionedRecord<string>("a", 10, 20), store.Get("k", 19));
        Assert.Null(store.Get("k", 9));
        Assert.Null(store.Get("missing", 30));

        // An out-of-order put lands in the history and splits the version that was valid at its time.
        Assert.Equal(new VersionedPutResult(true, 20), store.Put("k", "x", 15));
        Assert.Equal(new VersionedRecord<string>("x", 15, 20), store.Get("k", 15));
        Assert.Equal(new VersionedRecord<string>("a", 10, 15), store.Get("k", 14));
        Assert.Equal(new VersionedRecord<string>("c", 30), store.Get("k"));

        // Same timestamp replaces that version.
        Assert.Equal(new VersionedPutResult(true, 30), store.Put("k", "b2", 20));
        Assert.Equal(new VersionedRecord<string>("b2", 20, 30), store.Get("k", 25));
    }

    [Fact]
    public void Versioned_store_tombstones_end_a_version_and_delete_returns_the_version_valid_then()
    {
        var store = OpenStore(Minute, out _);
        store.Put("k", "a", 10);
        Assert.True(store.Put("k", null!, 40).IsLatest);

        Assert.Null(store.Get("k"));
        Assert.Equal(new VersionedRecord<string>("a", 10, 40), store.Get("k", 39));
        Assert.Null(store.Get("k", 40));

        Assert.Equal(new VersionedRecord<string>("a", 10, 40), store.Delete("k", 25));
        Assert.Equal(new VersionedRecord<string>("a", 10, 25), store.Get("k", 24));
        Assert.Null(store.Get("k", 25));
        Assert.Null(store.Delete("k", 30));
    }

    [Fact]
    public void Versioned_store_history_retention_drops_old_versions_and_ignores_late_puts()
    {
        var store = OpenStore(TimeSpan.FromMilliseconds(10), out _);
        store.Put("only", "o", 0);
        store.Put("k", "a", 0);
        store.Put("k", "b", 5);
        store.Put("k", "c", 20);

        // Observed stream time 20, retention 10: reads before 10 see only a latest version that qualifies.
        Assert.Equal(new VersionedRecord<string>("b", 5, 20), store.Get("k", 10));
        Assert.Null(store.Get("k", 9));
        Assert.Null(store.Get("k", 4));
        Assert.Equal(new VersionedRecord<string>("o", 0), store.Get("only", 5));

        Assert.Equal(VersionedPutResult.Expired, store.Put("k", "late", 9));
        Assert.Equal(new VersionedRecord<string>("c", 20), store.Get("k"));
        Assert.Equal(new VersionedPutResult(true, 20), store.Put("k", "at-cutoff", 10));
        Assert.Equal(new VersionedRecord<string>("at-cutoff", 10, 20), store.Get("k", 15));
        Assert.Null(store.Delete("k", 3));
    }

    [Fact]
    public void Versioned_store_changelog_records_carry_the_version_timestamp()
    {
        var store = OpenStore(TimeSpan.FromMilliseconds(10), out var context, logging: true);
        store.Put("k", "new", 100);
        store.Put("k", "older", 95);
        store.Put("k", "too-old", 80);
        store.Delete("k", 101);

        Assert.Equal(
            [("k", "new", 100L), ("k", "older", 95L), ("k", (string?)null, 101L)],
            context.Changes.Select(c => (Serdes.String.Deserialize("", c.Key, false), c.Value is null ? null : Serdes.String.Deserialize("", c.Value, false), c.Timestamp)));
    }

    [Fact]
    public void Versioned_table_forwards_only_updates_that_become_the_latest_version()
    {
        var builder = new StreamsBuilder();
        builder.Table("rates", Consumed.With(Serdes.String, Serdes.String), Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("rates-store", Minute)))
            .ToStream().To("rate-updates", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var rates = driver.CreateInputTopic("rates", Serdes.String, Serdes.String);
        rates.PipeInput("eur", "1.10", 100);
        rates.PipeInput("eur", "1.20", 200);
        rates.PipeInput("eur", "1.15", 150);
        rates.PipeInput("eur", "1.30", 300);

        Assert.Equal(
            [new("eur", "1.10", 100), new("eur", "1.20", 200), new TestRecord<string, string>("eur", "1.30", 300)],
            driver.CreateOutputTopic("rate-updates", Serdes.String, Serdes.String).ReadRecordsToList());
        var store = driver.GetStateStore<IVersionedKeyValueStore<string, string>>("rates-store");
        Assert.Equal(new VersionedRecord<string>("1.30", 300), store.Get("eur"));
        Assert.Equal(new VersionedRecord<string>("1.15", 150, 200), store.Get("eur", 170));
    }

    [Fact]
    public void Versioned_table_drops_and_counts_updates_older_than_the_history_retention()
    {
        var builder = new StreamsBuilder();
        builder.Table("rates", Consumed.With(Serdes.String, Serdes.String),
            Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("rates-store", TimeSpan.FromMilliseconds(100))));
        using var driver = new TopologyTestDriver(builder.Build());
        var rates = driver.CreateInputTopic("rates", Serdes.String, Serdes.String);
        rates.PipeInput("eur", "a", 1000);
        rates.PipeInput("eur", "too-late", 899);
        rates.PipeInput("eur", "in-time", 900);

        Assert.Equal(1, driver.DroppedRecordCount);
        var store = driver.GetStateStore<IVersionedKeyValueStore<string, string>>("rates-store");
        Assert.Equal(new VersionedRecord<string>("in-time", 900, 1000), store.Get("eur", 950));
        Assert.Equal(new VersionedRecord<string>("a", 1000), store.Get("eur"));
    }

    [Fact]
    public void Aggregation_with_a_versioned_store_fails_at_definition()
    {
        var builder = new StreamsBuilder();
        var grouped = builder.Stream("in", Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();

        var error = Assert.Throws<InvalidOperationException>(() => grouped.Count(Materialized.As<string, long>(Stores.InMemoryVersionedKeyValueStore("counts", Minute))));
        Assert.Contains("counts", error.Message, StringComparison.Ordinal);
    }

    private static IVersionedKeyValueStore<string, string> OpenStore(TimeSpan retention, out RecordingStoreContext context, bool logging = false)
    {
        var builder = Stores.VersionedKeyValueStoreBuilder(Stores.InMemoryVersionedKeyValueStore("versions", retention), Serdes.String, Serdes.String);
        var store = (logging ? builder : builder.WithLoggingDisabled()).Build();
        context = new RecordingStoreContext();
        store.Init(context);
        return store;
    }

    private sealed class RecordingStoreContext : IStateStoreContext
    {
        public List<(byte[] Key, byte[]? Value, long Timestamp)> Changes { get; } = [];

        public string ApplicationId => "test-app";

        public TaskId TaskId => new(0, 0);

        public long StreamTime => 0;

        public string? StateDirectory => null;

        public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp) => Changes.Add((key, value, timestamp));
    }
}
