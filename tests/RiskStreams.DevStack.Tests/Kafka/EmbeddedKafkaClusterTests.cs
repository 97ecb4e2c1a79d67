using Confluent.Kafka;
using static RiskStreams.DevStack.Tests.Kafka.KafkaTestClients;

namespace RiskStreams.DevStack.Tests.Kafka;

public sealed class EmbeddedKafkaClusterTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly EmbeddedKafkaCluster cluster = fixture.Cluster;

    [Fact]
    public async Task Produced_records_are_consumed_back_over_tcp()
    {
        const int partitions = 4;
        var topic = Unique("accounts");
        cluster.CreateTopic(topic, partitions);
        var sent = Enumerable.Range(0, 100).Select(i => (Key: $"account-{i}", Value: $"amount-{i * 7}")).ToList();

        var deliveries = await ProduceAsync(cluster.BootstrapServers, topic, sent);

        Assert.All(deliveries, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        Assert.All(deliveries, d => Assert.Equal(KafkaMurmur2.Partition(d.Message.Key, partitions), d.Partition.Value));

        using var consumer = Consumer(cluster.BootstrapServers, Unique("group"));
        consumer.Subscribe(topic);
        var received = ConsumeExactly(consumer, sent.Count);
        consumer.Close();

        Assert.Equal(
            sent.OrderBy(r => r.Key, StringComparer.Ordinal),
            received.Select(r => (r.Message.Key, r.Message.Value)).OrderBy(r => r.Key, StringComparer.Ordinal));
        var deliveredAt = deliveries.ToDictionary(d => d.Message.Key, d => d.TopicPartitionOffset);
        Assert.All(received, r => Assert.Equal(deliveredAt[r.Message.Key], r.TopicPartitionOffset));
        Assert.Equal(
            deliveries.GroupBy(d => d.Partition.Value).ToDictionary(g => g.Key, g => g.Count()),
            received.GroupBy(r => r.Partition.Value).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(partitions, received.Select(r => r.Partition.Value).Distinct().Count());
    }

    [Fact]
    public void Topic_metadata_reports_requested_partition_count()
    {
        var topic = Unique("metadata");
        cluster.CreateTopic(topic, 7);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, Deadline);

        var reported = Assert.Single(metadata.Topics);
        Assert.Equal(ErrorCode.NoError, reported.Error.Code);
        Assert.Equal(Enumerable.Range(0, 7), reported.Partitions.Select(p => p.PartitionId).Order());
        Assert.All(reported.Partitions, p => Assert.Equal(1, p.Leader));
    }

    [Fact]
    public void Creating_an_existing_topic_again_leaves_it_unchanged()
    {
        var topic = Unique("twice");
        cluster.CreateTopic(topic, 3);

        cluster.CreateTopic(topic, 5);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        Assert.Equal(3, Assert.Single(admin.GetMetadata(topic, Deadline).Topics).Partitions.Count);
    }

    [Fact]
    public void Create_topics_creates_each_with_its_partition_count()
    {
        var first = Unique("first");
        var second = Unique("second");

        cluster.CreateTopics([(first, 2), (second, 6)]);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        Assert.Equal(2, Assert.Single(admin.GetMetadata(first, Deadline).Topics).Partitions.Count);
        Assert.Equal(6, Assert.Single(admin.GetMetadata(second, Deadline).Topics).Partitions.Count);
    }

    [Fact]
    public void Create_topic_without_a_count_uses_the_default_partitions()
    {
        var topic = Unique("defaulted");

        cluster.CreateTopic(topic);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        Assert.Equal(4, Assert.Single(admin.GetMetadata(topic, Deadline).Topics).Partitions.Count);
    }

    [Theory]
    [InlineData("", 1, 1, "name")]
    [InlineData("has space", 1, 1, "name")]
    [InlineData("..", 1, 1, "name")]
    [InlineData("ok", 0, 1, "partitions")]
    [InlineData("ok", 1, 0, "replicationFactor")]
    [InlineData("ok", 1, 2, "replicationFactor")]
    public void Create_topic_rejects_illegal_arguments_naming_the_parameter(
        string name, int partitions, int replicationFactor, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => cluster.CreateTopic(name, partitions, replicationFactor));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public async Task Producing_to_an_unknown_topic_auto_creates_it_with_four_partitions()
    {
        var topic = Unique("auto");

        var delivery = Assert.Single(await ProduceAsync(cluster.BootstrapServers, topic, [("k", "v")]));

        Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        Assert.Equal(4, Assert.Single(admin.GetMetadata(topic, Deadline).Topics).Partitions.Count);
    }

    [Fact]
    public async Task Consumer_group_commits_offsets()
    {
        var topic = Unique("commits");
        var group = Unique("group");
        cluster.CreateTopic(topic, 1);
        await ProduceAsync(cluster.BootstrapServers, topic, Enumerable.Range(0, 10).Select(i => ("account-1", $"event-{i}")));

        using (var first = Consumer(cluster.BootstrapServers, group))
        {
            first.Subscribe(topic);
            var consumed = ConsumeExactly(first, 4);
            Assert.Equal(["event-0", "event-1", "event-2", "event-3"], consumed.Select(r => r.Message.Value));
            first.Commit(consumed[^1]);
            first.Close();
        }

        using var second = Consumer(cluster.BootstrapServers, group);
        second.Subscribe(topic);
        var resumed = ConsumeExactly(second, 6);

        Assert.Equal(4, resumed[0].Offset.Value);
        Assert.Equal(Enumerable.Range(4, 6).Select(i => $"event-{i}"), resumed.Select(r => r.Message.Value));
        var committed = Assert.Single(second.Committed([new TopicPartition(topic, 0)], Deadline));
        Assert.Equal(4, committed.Offset.Value);
        second.Close();
    }
}
