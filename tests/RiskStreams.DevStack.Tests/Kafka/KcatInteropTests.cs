using static RiskStreams.DevStack.Tests.Kafka.KafkaTestClients;

namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>kcat (its own process and its own librdkafka) talks to the embedded cluster like to any broker.</summary>
public sealed class KcatInteropTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly EmbeddedKafkaCluster cluster = fixture.Cluster;

    [KcatFact]
    public async Task Kcat_lists_the_topic_and_reads_what_confluent_kafka_produced()
    {
        var topic = Unique("kcat-read");
        cluster.CreateTopic(topic, 3);
        var sent = Enumerable.Range(0, 12).Select(i => (Key: $"account-{i}", Value: $"login-{i}")).ToList();
        await ProduceAsync(cluster.BootstrapServers, topic, sent);

        var listing = await Kcat.RunAsync(["-b", cluster.BootstrapServers, "-L", "-t", topic]);
        var consumed = await Kcat.RunAsync(["-b", cluster.BootstrapServers, "-C", "-t", topic, "-e", "-q", "-f", "%k=%s\n"]);

        Assert.Contains($"topic \"{topic}\" with 3 partitions:", listing, StringComparison.Ordinal);
        Assert.Equal(
            sent.Select(r => $"{r.Key}={r.Value}").Order(StringComparer.Ordinal),
            consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [KcatFact]
    public async Task Records_produced_by_kcat_are_consumed_by_confluent_kafka()
    {
        var topic = Unique("kcat-write");
        cluster.CreateTopic(topic, 2);

        await Kcat.RunAsync(["-b", cluster.BootstrapServers, "-P", "-t", topic, "-K", ":"], "acct-1:repaid\nacct-2:synced\n");

        using var consumer = Consumer(cluster.BootstrapServers, Unique("group"));
        consumer.Subscribe(topic);
        var received = ConsumeExactly(consumer, 2);
        consumer.Close();
        Assert.Equal(
            [("acct-1", "repaid"), ("acct-2", "synced")],
            received.Select(r => (r.Message.Key, r.Message.Value)).OrderBy(r => r.Key, StringComparer.Ordinal));
    }
}
