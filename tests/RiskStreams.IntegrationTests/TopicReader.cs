using Confluent.Kafka;

namespace RiskStreams.IntegrationTests;

/// <summary>Reads a whole topic from the beginning with a plain consumer, as a downstream system would.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<string?, byte[]?>> ReadAll(string bootstrap, string topic, int expected, TimeSpan? deadline = null)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string?, byte[]?>>();
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (records.Count < expected && DateTime.UtcNow < until)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } r)
            {
                records.Add(r);
            }
        }

        consumer.Close();
        return records;
    }
}
