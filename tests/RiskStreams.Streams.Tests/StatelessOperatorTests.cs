using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

public sealed class StatelessOperatorTests
{
    [Fact]
    public void Filter_map_values_and_to_keep_keys_timestamps_and_order()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.Long))
            .Filter((_, v) => v % 2 == 0)
            .MapValues(v => $"v{v}")
            .To("out", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String);

        for (var i = 1L; i <= 5; i++)
        {
            input.PipeInput($"k{i}", i, 1000 * i);
        }

        Assert.Equal(
            [new TestRecord<string, string>("k2", "v2", 2000), new TestRecord<string, string>("k4", "v4", 4000)],
            output.ReadRecordsToList());
    }

    [Fact]
    public void Split_sends_each_record_to_the_first_matching_branch_and_the_rest_to_the_default()
    {
        var builder = new StreamsBuilder();
        var branches = builder.Stream("in", Consumed.With(Serdes.String, Serdes.Int))
            .Split("b-")
            .Branch((_, v) => v < 10, "small")
            .Branch((_, v) => v < 100, "medium")
            .DefaultBranch("large");
        foreach (var (name, stream) in branches)
        {
            stream.To(name);
        }

        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Int);
        foreach (var v in new[] { 5, 50, 500, 7 })
        {
            input.PipeInput("k", v, 1);
        }

        Assert.Equal([5, 7], driver.CreateOutputTopic("b-small", Serdes.String, Serdes.Int).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal([50], driver.CreateOutputTopic("b-medium", Serdes.String, Serdes.Int).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal([500], driver.CreateOutputTopic("b-large", Serdes.String, Serdes.Int).ReadRecordsToList().Select(r => r.Value));
    }

    [Fact]
    public void Sink_without_a_known_serde_fails_at_build_naming_the_node()
    {
        var builder = new StreamsBuilder();
        var stream = builder.Stream("in", Consumed.With(Serdes.String, Serdes.Int)).MapValues(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture), "to-text");
        var error = Assert.Throws<InvalidOperationException>(() => stream.To("out", new Produced<string, string>(null, null) { Name = "text-sink" }));
        Assert.StartsWith("'text-sink' needs a value serde", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_extractor_sets_event_time_and_negative_time_drops_the_record_counted()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.Long).WithTimestampExtractor((_, v, _) => v)).To("out");
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.Long);
        input.PipeInput("a", 42_000, 1);
        input.PipeInput("b", -1, 2);

        var record = Assert.Single(driver.CreateOutputTopic("out", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Equal(42_000, record.Timestamp);
        Assert.Equal(1, driver.DroppedRecordCount);
    }
}
