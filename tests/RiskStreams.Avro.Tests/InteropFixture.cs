using Confluent.Kafka;
using RiskStreams.DevStack;

namespace RiskStreams.Avro.Tests;

/// <summary>An embedded Kafka cluster and Schema Registry, both over real TCP on free ports, per test class.</summary>
public sealed class InteropFixture : IAsyncLifetime
{
    public EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    public EmbeddedSchemaRegistry Registry { get; } = new();

    public async Task InitializeAsync()
    {
        Cluster = EmbeddedKafkaCluster.Start();
        await Registry.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Reads <paramref name="count"/> values from the start of <paramref name="topic"/> with a fresh group, or fails after 30 s.</summary>
    public List<T> Consume<T>(string topic, IDeserializer<T> deserializer, int count)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = $"interop-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, T>(config).SetValueDeserializer(deserializer).Build();
        consumer.Subscribe(topic);
        var values = new List<T>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read {values.Count} of {count} records from {topic} in 30 s.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                values.Add(message.Value);
            }
        }

        consumer.Close();
        return values;
    }

    public ProducerConfig ProducerConfig() => new() { BootstrapServers = Cluster.BootstrapServers, Acks = Acks.All };
}
