using System.Diagnostics;
using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>Internal topics on a cluster without the CreateTopics API (the embedded mock cluster), with no topic-creation hook.</summary>
public sealed class InternalTopicFallbackTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Without_CreateTopics_the_changelog_is_auto_created_with_the_partitions_the_topology_needs()
    {
        // The mock cluster auto-creates topics with 4 partitions, so a 4-partition input gets a matching changelog.
        var (input, output, appId) = (Unique("fallback-in"), Unique("fallback-out"), Unique("fallback"));
        Cluster.CreateTopic(input, 4);
        Cluster.CreateTopic(output, 4);
        var clock = Stopwatch.StartNew();
        await using var streams = await StartAsync(CountTopology(input, output), CountOptions(Cluster, appId) with { InternalTopicCreator = null });
        Console.WriteLine($"internal topic fallback: instance running {clock.Elapsed.TotalSeconds:0.0} s after start");
        await ProduceAsync(Cluster, input, Records(["a", "b"], 4, 1_000));

        var counts = ReadCounts(Cluster, output, 4, 4);

        Assert.Equal([("a", 1L), ("a", 2L), ("b", 1L), ("b", 2L)], counts.Select(r => (r.Message.Key, r.Message.Value)).Order());
        Assert.Equal(4, PartitionsOf($"{appId}-{Store}-changelog"));
    }

    [Fact]
    public async Task Without_CreateTopics_an_auto_created_changelog_with_other_partitions_stops_the_start_naming_it()
    {
        var (input, output, appId) = (Unique("fallback-in"), Unique("fallback-out"), Unique("fallback"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        await using var streams = new KafkaStreams(CountTopology(input, output), CountOptions(Cluster, appId) with { InternalTopicCreator = null });
        streams.Start();

        await UntilAsync(() => streams.State == StreamsState.Error, "the start to fail");

        Assert.Equal($"Internal topic '{appId}-{Store}-changelog' has 4 partitions but the topology needs 2; delete it (reset the application) or restore the source topics' partition counts.",
            streams.Error!.Message);
    }

    private int PartitionsOf(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Cluster.BootstrapServers }).Build();
        return admin.GetMetadata(topic, Deadline).Topics.Single().Partitions.Count;
    }
}
