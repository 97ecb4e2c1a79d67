using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using static RiskStreams.DevStack.Tests.Kafka.KafkaTestClients;

namespace RiskStreams.DevStack.Tests.Kafka;

public sealed class FixedBootstrapPortTests
{
    [Fact]
    public async Task Fixed_bootstrap_port_is_honoured()
    {
        var port = FreePort();
        await using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { BootstrapPort = port });
        var topic = Unique("fixed");
        cluster.CreateTopic(topic, 2);

        Assert.Equal($"127.0.0.1:{port}", cluster.BootstrapServers);
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            var broker = Assert.Single(admin.GetMetadata(topic, Deadline).Brokers);
            Assert.Equal((1, "127.0.0.1", port), (broker.BrokerId, broker.Host, broker.Port));
        }

        await AssertRoundTripAsync(cluster.BootstrapServers, topic, 20);
    }

    [Fact]
    public async Task Fixed_bootstrap_port_serves_every_broker_of_a_multi_broker_cluster()
    {
        var port = FreePort();
        await using var cluster = EmbeddedKafkaCluster.Start(
            new EmbeddedKafkaClusterOptions { BootstrapPort = port, BrokerCount = 3 });
        var topic = Unique("spread");
        cluster.CreateTopic(topic, 6, replicationFactor: 3);

        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            var metadata = admin.GetMetadata(topic, Deadline);
            Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
            Assert.Equal(port, metadata.Brokers.Single(b => b.BrokerId == 1).Port);
            Assert.All(metadata.Brokers.Where(b => b.BrokerId != 1), b => Assert.NotEqual(port, b.Port));
            Assert.Equal(6, Assert.Single(metadata.Topics).Partitions.Count);
        }

        await AssertRoundTripAsync(cluster.BootstrapServers, topic, 60);
    }

    [Fact]
    public void Fixed_bootstrap_port_in_use_fails_naming_the_port()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = Assert.Throws<InvalidOperationException>(
            () => EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { BootstrapPort = port }));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(EmbeddedKafkaClusterOptions.BootstrapPort), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_cluster_releases_the_fixed_port()
    {
        var port = FreePort();
        var options = new EmbeddedKafkaClusterOptions { BootstrapPort = port };
        var first = EmbeddedKafkaCluster.Start(options);
        await first.DisposeAsync();
        await first.DisposeAsync(); // idempotent

        await using var second = EmbeddedKafkaCluster.Start(options);

        Assert.Equal($"127.0.0.1:{port}", second.BootstrapServers);
        Assert.Throws<ObjectDisposedException>(() => first.CreateTopic(Unique("late"), 1));
    }

    private static async Task AssertRoundTripAsync(string bootstrapServers, string topic, int count)
    {
        var sent = Enumerable.Range(0, count).Select(i => (Key: $"account-{i}", Value: $"value-{i}")).ToList();
        var deliveries = await ProduceAsync(bootstrapServers, topic, sent);
        Assert.All(deliveries, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));

        using var consumer = Consumer(bootstrapServers, Unique("group"));
        consumer.Subscribe(topic);
        var received = ConsumeExactly(consumer, count);
        consumer.Close();

        Assert.Equal(
            sent.OrderBy(r => r.Key, StringComparer.Ordinal),
            received.Select(r => (r.Message.Key, r.Message.Value)).OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
