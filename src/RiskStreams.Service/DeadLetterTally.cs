using System.Text;
using Confluent.Kafka;
using RiskStreams.Streams;

namespace RiskStreams.Service;

/// <summary>
/// Counts the records of a dead-letter topic by stage and error class (headers <see cref="DeadLetterHeaders.Stage"/>
/// and <see cref="DeadLetterHeaders.ErrorClass"/>), reading every partition from its start to its current end: the
/// <c>dev</c> summary's dead letters by reason.
/// </summary>
internal static class DeadLetterTally
{
    public static SortedDictionary<string, long> Count(string bootstrapServers, string topic, TimeSpan timeout)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"riskstreams-dev-dlq-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic)?.Partitions ?? [];
        var ends = partitions
            .Select(p => (Partition: new TopicPartition(topic, p.PartitionId), End: consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), timeout).High.Value))
            .Where(p => p.End > 0)
            .ToDictionary(p => p.Partition, p => p.End);
        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + timeout;
        var remaining = ends.Count;
        while (remaining > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { Message: not null } record)
            {
                continue;
            }

            var reason = $"{Header(record, DeadLetterHeaders.Stage)}/{Header(record, DeadLetterHeaders.ErrorClass).Split('.')[^1]}";
            counts[reason] = counts.GetValueOrDefault(reason) + 1;
            if (record.Offset.Value + 1 >= ends[record.TopicPartition])
            {
                remaining--;
            }
        }

        return counts;
    }

    private static string Header(ConsumeResult<Ignore, Ignore> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : "unknown";
}
