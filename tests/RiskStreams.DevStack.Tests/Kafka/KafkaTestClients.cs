using Confluent.Kafka;

namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>Client helpers for tests: unique names, configs, and consuming with a deadline.</summary>
internal static class KafkaTestClients
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static IProducer<string, string> Producer(string bootstrapServers) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
        }).Build();

    /// <summary>A consumer reading from the earliest offset, committing only when told.</summary>
    /// <remarks>
    /// When the last member leaves a group, librdkafka's mock keeps the group rebalancing for session.timeout.ms
    /// minus 1 s before it admits a new member (a real broker empties the group at once), so the session timeout is
    /// kept short here for tests that hand a group from one consumer to the next.
    /// </remarks>
    public static IConsumer<string, string> Consumer(string bootstrapServers, string groupId) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchQueueBackoffMs = 0,
            SessionTimeoutMs = 3000,
            HeartbeatIntervalMs = 500,
        }).Build();

    public static async Task<DeliveryResult<string, string>[]> ProduceAsync(
        string bootstrapServers, string topic, IEnumerable<(string Key, string Value)> records)
    {
        using var producer = Producer(bootstrapServers);
        var deliveries = records
            .Select(r => producer.ProduceAsync(topic, new Message<string, string> { Key = r.Key, Value = r.Value }))
            .ToList();
        return await Task.WhenAll(deliveries).WaitAsync(Deadline);
    }

    /// <summary>Consumes until <paramref name="count"/> records arrived, failing once the deadline passes.</summary>
    public static List<ConsumeResult<string, string>> ConsumeExactly(IConsumer<string, string> consumer, int count)
    {
        var results = new List<ConsumeResult<string, string>>(count);
        var deadline = DateTime.UtcNow + Deadline;
        while (results.Count < count)
        {
            var remaining = deadline - DateTime.UtcNow;
            Assert.True(remaining > TimeSpan.Zero, $"Consumed {results.Count} of {count} records before the deadline.");
            var result = consumer.Consume(remaining);
            if (result is { IsPartitionEOF: false })
            {
                results.Add(result);
            }
        }

        return results;
    }
}
