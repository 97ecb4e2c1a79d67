using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

/// <summary><c>KStream.Repartition</c>, <c>KStream.ToTable</c> (versioned) and <c>SelectGroupKey</c> on windowed aggregation updates.</summary>
public sealed class StreamToTableTests
{
    private static readonly Consumed<string, string> Strings = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> Out = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void Repartition_writes_each_record_once_for_every_operator_reading_the_rekeyed_stream()
    {
        var builder = new StreamsBuilder();
        var byValue = builder.Stream("in", Strings).SelectKey((_, v) => v).Repartition("by-value", Serdes.String);
        byValue.To("a", Out);
        byValue.MapValues(v => v.ToUpperInvariant()).To("b", Out);
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology, new TopologyTestDriverOptions { ApplicationId = "app" });
        driver.CreateInputTopic("in", Serdes.String, Serdes.String).PipeInput("k1", "x", 10);

        Assert.Equal(["by-value-repartition"], topology.RepartitionTopics);
        Assert.Equal([new TestRecord<string, string>("x", "x", 10)], driver.CreateOutputTopic("app-by-value-repartition", Serdes.String, Serdes.String).ReadRecordsToList());
        Assert.Equal([new TestRecord<string, string>("x", "X", 10)], driver.CreateOutputTopic("b", Serdes.String, Serdes.String).ReadRecordsToList());
    }

    [Fact]
    public void ToTable_keeps_every_version_and_a_join_reads_the_one_at_each_stream_record_time()
    {
        var builder = new StreamsBuilder();
        var prices = builder.Stream("prices", Strings)
            .ToTable(Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("prices-store", TimeSpan.FromMinutes(1))), "prices-table");
        builder.Stream("orders", Strings).Join(prices, (order, price) => $"{order}@{price}").To("priced", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        var pricesIn = driver.CreateInputTopic("prices", Serdes.String, Serdes.String);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        pricesIn.PipeInput("p", "1", 100);
        pricesIn.PipeInput("p", "2", 200);
        orders.PipeInput("p", "late", 150);
        orders.PipeInput("p", "now", 250);
        orders.PipeInput("p", "before", 50);

        Assert.Equal(
            [new TestRecord<string, string>("p", "late@1", 150), new TestRecord<string, string>("p", "now@2", 250)],
            driver.CreateOutputTopic("priced", Serdes.String, Serdes.String).ReadRecordsToList());
    }

    [Fact]
    public void ToTable_after_a_key_change_repartitions_and_refuses_an_unversioned_materialization()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).SelectKey((_, v) => v)
            .ToTable(Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("t-store", TimeSpan.FromMinutes(1))).WithKeySerde(Serdes.String), "t");
        Assert.Equal(["t-repartition"], builder.Build().RepartitionTopics);

        var plain = new StreamsBuilder().Stream("in", Strings);
        Assert.Throws<ArgumentException>(() => plain.ToTable(Materialized.As<string, string>("kv-store")));
    }

    [Fact]
    public void SelectGroupKey_unwraps_windowed_updates_into_the_same_task_without_a_repartition_topic()
    {
        var builder = new StreamsBuilder();
        var events = builder.Stream("events", Strings);
        var latest = events.GroupByKey()
            .WindowedBy(SlidingWindows.OfTimeDifferenceWithNoGrace(TimeSpan.FromMilliseconds(100)))
            .Count(Materialized.As<string, long>("counts").WithKeySerde(Serdes.String))
            .ToStream()
            .Filter((k, _) => k.Window.EndMs % 10 == 0)
            .SelectGroupKey(Serdes.String)
            .ToTable(Materialized.As<string, long>(Stores.InMemoryVersionedKeyValueStore("latest", TimeSpan.FromMinutes(1))).WithValueSerde(Serdes.Long), "latest-table");
        events.Join(latest, (e, count) => $"{e}:{count}").To("counted", Out);
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);

        // Each event's own window [t - 100, t] ends at its time (a multiple of 10 here), so the join sees its count so far.
        input.PipeInput("k", "a", 10);
        input.PipeInput("k", "b", 50);
        input.PipeInput("k", "c", 200);

        Assert.Empty(topology.RepartitionTopics);
        Assert.Equal(
            [new TestRecord<string, string>("k", "a:1", 10), new TestRecord<string, string>("k", "b:2", 50), new TestRecord<string, string>("k", "c:1", 200)],
            driver.CreateOutputTopic("counted", Serdes.String, Serdes.String).ReadRecordsToList());
    }
}
