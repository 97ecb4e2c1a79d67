using System.Diagnostics;
using Confluent.Kafka;

namespace RiskStreams.DevStack;

/// <summary>
/// How far a consumer group has committed, read without joining the group: what <c>dev</c>, the benchmarks and the
/// crash tests wait on to know that every input record is processed.
/// </summary>
/// <param name="bootstrapServers">The cluster.</param>
/// <param name="groupId">The group (an application id).</param>
public sealed class ConsumerGroupProgress(string bootstrapServers, string groupId) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    // Never subscribes: a consumer that only reads committed offsets does not join the group.
    private readonly IConsumer<byte[], byte[]> _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
    }).Build();

    /// <summary>The current end (high watermark) of every partition of <paramref name="topics"/>.</summary>
    public Dictionary<TopicPartition, long> EndOffsets(IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var ends = new Dictionary<TopicPartition, long>();
        using var admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        foreach (var topic in topics)
        {
            foreach (var partition in admin.GetMetadata(topic, RequestTimeout).Topics.Single(t => t.Topic == topic).Partitions)
            {
                var tp = new TopicPartition(topic, partition.PartitionId);
                ends[tp] = _consumer.QueryWatermarkOffsets(tp, RequestTimeout).High.Value;
            }
        }

        return ends;
    }

    /// <summary>Records committed so far over every partition of <paramref name="topics"/>.</summary>
    public long Committed(IEnumerable<string> topics) =>
        _consumer.Committed(EndOffsets(topics).Keys, RequestTimeout).Sum(c => Math.Max(0, c.Offset.Value));

    /// <summary>Whether the group has committed at least <paramref name="targets"/> (partitions with target 0 need no commit).</summary>
    public bool Reached(IReadOnlyDictionary<TopicPartition, long> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var committed = _consumer.Committed(targets.Keys, RequestTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
        return targets.All(t => t.Value == 0 || committed.GetValueOrDefault(t.Key, -1) >= t.Value);
    }

    /// <summary>Whether the group has committed every partition of <paramref name="topics"/> up to its current end.</summary>
    public bool CaughtUp(IEnumerable<string> topics) => Reached(EndOffsets(topics));

    /// <summary>Polls until <paramref name="targets"/> are committed; throws when <paramref name="failure"/> reports one or the deadline passes.</summary>
    public async Task WaitAsync(IReadOnlyDictionary<TopicPartition, long> targets, Func<Exception?> failure, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var clock = Stopwatch.StartNew();
        while (!Reached(targets))
        {
            if (failure() is { } error)
            {
                throw new InvalidOperationException($"Group '{groupId}' stopped before committing its input: {error.Message}", error);
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Group '{groupId}' did not commit its input within {deadline}.");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _consumer.Dispose();
}
