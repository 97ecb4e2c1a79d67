using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class CogroupTests
{
    [Fact]
    public void Cogrouped_streams_fold_into_one_aggregate_per_key_in_one_store()
    {
        var builder = new StreamsBuilder();
        var clicks = builder.Stream("clicks", Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();
        var views = builder.Stream("views", Consumed.With(Serdes.String, Serdes.String)).GroupByKey();
        clicks.Cogroup<string>((_, v, agg) => $"{agg}c{v}")
            .Cogroup(views, (_, v, agg) => $"{agg}v{v}")
            .Aggregate(() => "", Materialized.As<string, string>("activity").WithValueSerde(Serdes.String))
            .ToStream()
            .To("out", Produced.With(Serdes.String, Serdes.String));
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);
        driver.CreateInputTopic("clicks", Serdes.String, Serdes.Long).PipeInput("a", 1, 10);
        driver.CreateInputTopic("views", Serdes.String, Serdes.String).PipeInput("a", "x", 20);
        driver.CreateInputTopic("views", Serdes.String, Serdes.String).PipeInput("b", "y", 30);
        driver.CreateInputTopic("clicks", Serdes.String, Serdes.Long).PipeInput("a", 2, 40);

        Assert.Equal(
            [At("a", "c1", 10), At("a", "c1vx", 20), At("b", "vy", 30), At("a", "c1vxc2", 40)],
            driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadRecordsToList());
        Assert.Equal(["activity"], topology.StoreNames);
        Assert.Equal(1, topology.Describe().ToString().Split("Sub-topology:").Length - 1);
        Assert.Equal(
            [KeyValuePair.Create("a", "c1vxc2"), KeyValuePair.Create("b", "vy")],
            driver.GetKeyValueStore<string, string>("activity").All());
    }

    [Fact]
    public void Windowed_cogroup_folds_every_input_into_the_same_windows()
    {
        var builder = new StreamsBuilder();
        var clicks = builder.Stream("clicks", Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();
        var views = builder.Stream("views", Consumed.With(Serdes.String, Serdes.String)).GroupByKey();
        clicks.Cogroup<string>((_, v, agg) => $"{agg}c{v}")
            .Cogroup(views, (_, v, agg) => $"{agg}v{v}")
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(Ms(10)))
            .Aggregate(() => "", Materialized.As<string, string>("windowed-activity").WithValueSerde(Serdes.String))
            .ToLabelledTopic("out", Serdes.String);
        using var driver = new TopologyTestDriver(builder.Build());
        var clickInput = driver.CreateInputTopic("clicks", Serdes.String, Serdes.Long);
        var viewInput = driver.CreateInputTopic("views", Serdes.String, Serdes.String);
        clickInput.PipeInput("a", 1, 1);
        viewInput.PipeInput("a", "x", 5);
        clickInput.PipeInput("a", 2, 12);
        viewInput.PipeInput("a", "y", 10);

        Assert.Equal(
            [At("a@0-10", "c1", 1), At("a@0-10", "c1vx", 5), At("a@10-20", "c2", 12), At("a@10-20", "c2vy", 12)],
            driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadRecordsToList());
        Assert.Equal("c2vy", driver.GetStateStore<IReadOnlyWindowStore<string, string>>("windowed-activity").Fetch("a", 10));
    }

    [Fact]
    public void Cogrouping_the_same_grouped_stream_twice_fails()
    {
        var grouped = new StreamsBuilder().Stream("clicks", Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();
        var cogrouped = grouped.Cogroup<long>((_, v, agg) => agg + v);

        Assert.Throws<ArgumentException>(() => cogrouped.Cogroup(grouped, (_, v, agg) => agg - v));
    }
}
