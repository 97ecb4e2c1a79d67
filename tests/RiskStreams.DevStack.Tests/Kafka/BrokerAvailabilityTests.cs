using Confluent.Kafka;
using static RiskStreams.DevStack.Tests.Kafka.KafkaTestClients;

namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>Taking a broker of the embedded cluster down and bringing it back, with its own cluster (the outage would disturb others).</summary>
public sealed class BrokerAvailabilityTests : IDisposable
{
    private readonly EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => cluster.Dispose();

    [Fact]
    public async Task A_broker_taken_down_refuses_produce_until_brought_up_and_keeps_its_data()
    {
        var topic = Unique("outage");
        cluster.CreateTopic(topic, 1);
        await ProduceAsync(cluster.BootstrapServers, topic, [("a", "before")]);

        cluster.TakeBrokerDown();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            MessageTimeoutMs = 1500,
        }).Build();
        var refused = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync(topic, new Message<string, string> { Key = "b", Value = "during" }));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, refused.Error.Code);

        cluster.BringBrokerUp();
        await ProduceAsync(cluster.BootstrapServers, topic, [("c", "after")]);

        using var consumer = Consumer(cluster.BootstrapServers, Unique("group"));
        consumer.Subscribe(topic);
        Assert.Equal(["before", "after"], ConsumeExactly(consumer, 2).Select(r => r.Message.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Taking_down_a_broker_that_does_not_exist_is_refused(int brokerId) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.TakeBrokerDown(brokerId));
}
