using Confluent.Kafka;

namespace RiskStreams.Benchmarks;

/// <summary>Topic metadata and offsets read from a cluster: partitions, end offsets, changelog topics, committed progress.</summary>
internal sealed class KafkaTopics : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly IAdminClient _admin;

    public KafkaTopics(string bootstrapServers)
    {
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-offsets-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        _admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
    }

    public IReadOnlyList<TopicPartition> Partitions(string topic) =>
        [.. _admin.GetMetadata(topic, Timeout).Topics.Single(t => t.Topic == topic).Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];

    /// <summary>The topics named <c>{applicationId}-…-changelog</c>.</summary>
    public IReadOnlyList<string> ChangelogTopics(string applicationId) =>
        [.. _admin.GetMetadata(Timeout).Topics.Select(t => t.Topic)
            .Where(t => t.StartsWith(applicationId + "-", StringComparison.Ordinal) && t.EndsWith("-changelog", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    public Dictionary<TopicPartition, long> EndOffsets(string topic) =>
        Partitions(topic).ToDictionary(tp => tp, tp => _consumer.QueryWatermarkOffsets(tp, Timeout).High.Value);

    /// <summary>Records ever written to <paramref name="topics"/> (the sum of their end offsets; the mock cluster may have dropped older ones).</summary>
    public long Written(IEnumerable<string> topics) => topics.Sum(t => EndOffsets(t).Values.Sum());

    /// <summary>Records a consumer reads from <paramref name="topics"/> now (end minus start offsets).</summary>
    public long Retained(IEnumerable<string> topics) => topics.Sum(topic => Partitions(topic).Sum(tp =>
    {
        var w = _consumer.QueryWatermarkOffsets(tp, Timeout);
        return w.High.Value - w.Low.Value;
    }));

    public void Dispose()
    {
        _admin.Dispose();
        _consumer.Dispose();
    }
}
