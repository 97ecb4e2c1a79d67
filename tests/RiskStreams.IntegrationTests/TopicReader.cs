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

    /// <summary>Reads every partition of <paramref name="topic"/> from its start up to its end at the time of the call.</summary>
    public static List<ConsumeResult<string?, byte[]?>> ReadToEnd(string bootstrap, string topic, TimeSpan? deadline = null)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(tp => tp, tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        var next = partitions.ToDictionary(tp => tp, _ => 0L);
        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var records = new List<ConsumeResult<string?, byte[]?>>();
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (partitions.Any(tp => next[tp] < ends[tp]))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Read {records.Count} records of '{topic}' but not up to its end before the deadline.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } r)
            {
                records.Add(r);
                next[r.TopicPartition] = r.Offset.Value + 1;
            }
        }

        return records;
    }
}
