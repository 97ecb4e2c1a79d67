using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

public sealed class AggregationTests
{
    [Fact]
    public void Group_by_new_key_repartitions_and_counts_every_update()
    {
        var builder = new StreamsBuilder();
        builder.Stream("words", Consumed.With(Serdes.String, Serdes.String))
            .GroupBy((_, word) => word, Grouped.With(Serdes.String, Serdes.String).WithName("by-word"))
            .Count(Materialized.As<string, long>("word-counts"))
            .ToStream()
            .To("counts", Produced.With(Serdes.String, Serdes.Long));
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology, new TopologyTestDriverOptions { ApplicationId = "wc" });
        var input = driver.CreateInputTopic("words", Serdes.String, Serdes.String);
        input.PipeInput("line-1", "kafka", 10);
        input.PipeInput("line-2", "streams", 20);
        input.PipeInput("line-3", "kafka", 30);

        Assert.Equal(
            [new TestRecord<string, long>("kafka", 1, 10), new TestRecord<string, long>("streams", 1, 20), new TestRecord<string, long>("kafka", 2, 30)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Contains("wc-by-word-repartition", driver.ProducedTopicNames);
        Assert.Equal(["by-word-repartition"], topology.RepartitionTopics);
        Assert.Equal(2, topology.Describe().ToString().Split("Sub-topology:").Length - 1);
        var store = driver.GetKeyValueStore<string, long>("word-counts");
        Assert.True(store.TryGet("kafka", out var kafka));
        Assert.Equal(2, kafka);
    }

    [Fact]
    public void Reduce_and_aggregate_fold_values_per_key()
    {
        var builder = new StreamsBuilder();
        var grouped = builder.Stream("in", Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();
        grouped.Reduce((a, b) => a + b, Materialized.As<string, long>("sums")).ToStream().To("sums-out");
        grouped.Aggregate(() => "", (_, v, agg) => agg + v, Materialized.As<string, string>("concat").WithValueSerde(Serdes.String))
            .ToStream().To("concat-out", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        input.PipeInput("a", 1, 1);
        input.PipeInput("b", 5, 2);
        input.PipeInput("a", 2, 3);

        Assert.Equal([1L, 5, 3], driver.CreateOutputTopic("sums-out", Serdes.String, Serdes.Long).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(["1", "5", "12"], driver.CreateOutputTopic("concat-out", Serdes.String, Serdes.String).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Table_keeps_the_latest_value_per_key_and_a_null_deletes()
    {
        var builder = new StreamsBuilder();
        builder.Table("profiles", Consumed.With(Serdes.String, Serdes.String), Materialized.As<string, string>("profiles-store"))
            .ToStream().To("profile-updates", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("profiles", Serdes.String, Serdes.String);
        input.PipeInput("u1", "alice", 1);
        input.PipeInput("u1", "alice-2", 2);
        input.PipeInput("u2", "bob", 3);
        input.PipeInput("u2", null!, 4);

        var store = driver.GetKeyValueStore<string, string>("profiles-store");
        Assert.Equal([KeyValuePair.Create("u1", "alice-2")], store.All());
        Assert.Equal(["alice", "alice-2", "bob", null], driver.CreateOutputTopic("profile-updates", Serdes.String, Serdes.String).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Custom_processor_uses_its_store_and_stream_time_punctuation()
    {
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("seen"), Serdes.String, Serdes.Long));
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.Long))
            .Process(() => new SumEveryMinute(), "summer", "seen")
            .To("sums", Produced.With(Serdes.String, Serdes.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        input.PipeInput("a", 1, 0);
        input.PipeInput("a", 2, 30_000);
        input.PipeInput("b", 4, 61_000);

        // Punctuations at stream time 0 (first record) and 61,000 (first at or after 60,000).
        Assert.Equal(
            [new TestRecord<string, long>("total", 1, 0), new TestRecord<string, long>("total", 7, 61_000)],
            driver.CreateOutputTopic("sums", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    private sealed class SumEveryMinute : IProcessor<string, long, string, long>
    {
        private IKeyValueStore<string, long> _store = null!;

        public void Init(IProcessorContext<string, long> context)
        {
            _store = context.GetStateStore<IKeyValueStore<string, long>>("seen");
            context.Schedule(TimeSpan.FromMinutes(1), PunctuationType.StreamTime,
                time => context.Forward(new Record<string, long>("total", _store.All().Sum(e => e.Value), time)));
        }

        public void Process(Record<string, long> record)
        {
            _store.TryGet(record.Key, out var sum);
            _store.Put(record.Key, sum + record.Value);
        }
    }
}
