using System.Diagnostics;
using Confluent.Kafka;

namespace RiskStreams.Benchmarks;

/// <summary>Waits until a consumer group has committed given offsets: how the end-to-end scenarios tell that every input record is done.</summary>
internal sealed class GroupProgress(string bootstrapServers, string groupId) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    // Never subscribes: a consumer that only reads committed offsets does not join the group.
    private readonly IConsumer<byte[], byte[]> _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
    }).Build();

    public bool Reached(IReadOnlyDictionary<TopicPartition, long> targets)
    {
        var committed = _consumer.Committed(targets.Keys, TimeSpan.FromSeconds(10)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
        return targets.All(t => t.Value == 0 || committed.GetValueOrDefault(t.Key, -1) >= t.Value);
    }

    /// <summary>Polls until <paramref name="targets"/> are committed; throws when <paramref name="failure"/> reports one or the deadline passes.</summary>
    public async Task WaitAsync(IReadOnlyDictionary<TopicPartition, long> targets, Func<Exception?> failure, TimeSpan deadline, CancellationToken cancellationToken)
    {
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

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public void Dispose() => _consumer.Dispose();
}
