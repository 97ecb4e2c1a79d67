using System.Buffers.Binary;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams.Internal.Runtime.Kafka;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class ChangelogTopicTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Count_changes_go_to_the_task_partition_of_the_changelog_with_position_and_stream_time_headers()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("cl"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        await using var streams = await StartAsync(CountTopology(input, output), CountOptions(Cluster, appId));

        // Explicit partitions: the changelog partition must follow the task, not the key's hash.
        await ProduceAsync(Cluster, input, [("a", "x", 100, 0), ("a", "x", 110, 0), ("b", "x", 105, 0), ("c", "x", 200, 1)]);
        var changelog = $"{appId}-{Store}-changelog";
        var records = ReadAll(Cluster, changelog, 2, 4, Deserializers.Utf8, Deserializers.Int64);

        Assert.Equal(
            [(0, 0L, "a", 1L, 100L), (0, 1L, "a", 2L, 110L), (0, 2L, "b", 1L, 110L), (1, 0L, "c", 1L, 200L)],
            records.Select(r => (r.Partition.Value, r.Offset.Value, r.Message.Key, r.Message.Value, r.Message.Timestamp.UnixTimestampMs))
                .OrderBy(r => r.Item1).ThenBy(r => r.Item2));
        var byOffset = records.ToDictionary(r => (r.Partition.Value, r.Offset.Value));

        // Position after the record processed (next offset), and stream time (b at 105 comes after a at 110).
        Assert.Equal([new TopicPartitionOffset(input, 0, 3)], ChangelogHeaders.DecodePosition(byOffset[(0, 2)].Message.Headers.GetLastBytes(ChangelogHeaders.Position)));
        Assert.Equal(110, BinaryPrimitives.ReadInt64BigEndian(byOffset[(0, 2)].Message.Headers.GetLastBytes(ChangelogHeaders.StreamTime)));
        Assert.Equal([new TopicPartitionOffset(input, 1, 1)], ChangelogHeaders.DecodePosition(byOffset[(1, 0)].Message.Headers.GetLastBytes(ChangelogHeaders.Position)));
        Assert.Equal(200, BinaryPrimitives.ReadInt64BigEndian(byOffset[(1, 0)].Message.Headers.GetLastBytes(ChangelogHeaders.StreamTime)));
    }

    [Fact]
    public async Task Existing_changelog_with_another_partition_count_stops_the_instance_naming_the_topic()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("cl-mismatch"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        var changelog = $"{appId}-{Store}-changelog";
        Cluster.CreateTopic(changelog, 3);
        await using var streams = new KafkaStreams(CountTopology(input, output), CountOptions(Cluster, appId));

        streams.Start();
        await streams.Completion.WaitAsync(Deadline);

        Assert.Equal(StreamsState.Error, streams.State);
        Assert.Equal(
            $"Internal topic '{changelog}' has 3 partitions but the topology needs 2; delete it (reset the application) or restore the source topics' partition counts.",
            streams.Error?.Message);
    }

    [Fact]
    public void Changelog_topics_of_logged_stores_take_the_partition_count_of_their_subtopology()
    {
        var builder = new StreamsBuilder();
        builder.Stream("lines", Consumed.With(Serdes.String, Serdes.String))
            .GroupBy((_, v) => v, Grouped.With(Serdes.String, Serdes.String).WithName("by-word"))
            .Count(Materialized.As<string, long>("word-counts"))
            .ToStream()
            .To("counts", Produced.With(Serdes.String, Serdes.Long));
        builder.Stream("other", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .Count(Materialized.As<string, long>("unlogged").WithLoggingDisabled());

        var plan = TopicPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["lines"] = 3, ["other"] = 2 });

        Assert.Equal([("app-word-counts-changelog", 3)], plan.ChangelogTopics);
        Assert.Equal("app-word-counts-changelog", Assert.Single(plan.Subtopologies.Single(s => s.Subtopology.Stores.Any(b => b.Name == "word-counts")).ChangelogTopics).Value);
    }
}
