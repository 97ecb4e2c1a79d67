using Confluent.Kafka;

namespace RiskStreams.Service;

/// <summary>
/// Whether an application's consumer group has committed every input partition up to its current
/// end: what <c>dev</c> waits for before it stops a bounded run, so nothing produced is left unprocessed.
/// </summary>
internal sealed class InputProgress(string bootstrapServers, string groupId, IReadOnlyList<string> topics) : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
    }).Build();

    public bool CaughtUp() => Positions().All(p => p.End == 0 || p.Committed >= p.End);

    /// <summary>Records committed so far over every input partition.</summary>
    public long Committed() => Positions().Sum(p => Math.Max(0, p.Committed));

    private List<(long Committed, long End)> Positions()
    {
        var partitions = new List<TopicPartition>();
        using (var admin = new DependentAdminClientBuilder(_consumer.Handle).Build())
        {
            foreach (var topic in topics)
            {
                var meta = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == topic);
                partitions.AddRange(meta.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)));
            }
        }

        var committed = _consumer.Committed(partitions, TimeSpan.FromSeconds(10)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
        return [.. partitions.Select(tp => (committed.GetValueOrDefault(tp, -1), _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value))];
    }

    public void Dispose() => _consumer.Dispose();
}
