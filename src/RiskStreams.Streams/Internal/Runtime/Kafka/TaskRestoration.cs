using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Restoration of one task: the committed offsets of its input partitions, read before restoring, and its store
/// partitions. A changelog record applies only if every component of its position is at or before the committed offset
/// of that input partition: records beyond were made by processing the task is about to replay.
/// </summary>
internal sealed class TaskRestoration(ActiveTask task)
{
    public ActiveTask Task { get; } = task;

    /// <summary>Set once the committed offsets are read, the stores are opened and the changelog partitions assigned.</summary>
    public bool Prepared { get; set; }

    /// <summary>Committed offsets of the task's input partitions (partitions without a commit are absent).</summary>
    public IReadOnlyDictionary<TopicPartition, long> Committed { get; set; } = new Dictionary<TopicPartition, long>();

    public List<ChangelogPartitionRestore> Partitions { get; } = [];

    /// <summary>The largest stream time among the applied records.</summary>
    public long StreamTime { get; private set; } = long.MinValue;

    public long StartedAt { get; set; }

    /// <summary>True when the task's directory lock was refused at least once (logged once).</summary>
    public bool WaitingForLock { get; set; }

    public bool Complete => Prepared && Partitions.TrueForAll(p => p.Done);

    /// <summary>Whether a changelog record with these headers holds state the committed offsets cover.</summary>
    public bool Accepts(Headers? headers)
    {
        if (headers is null)
        {
            return true;
        }

        if (headers.TryGetLastBytes(ChangelogHeaders.Position, out var position))
        {
            foreach (var component in ChangelogHeaders.DecodePosition(position))
            {
                if (!IsInput(component.TopicPartition))
                {
                    // An input the task no longer reads (the topology changed) constrains nothing.
                    continue;
                }

                if (!Committed.TryGetValue(component.TopicPartition, out var committed) || component.Offset.Value > committed)
                {
                    return false;
                }
            }
        }

        if (headers.TryGetLastBytes(ChangelogHeaders.StreamTime, out var streamTime))
        {
            StreamTime = Math.Max(StreamTime, ChangelogHeaders.DecodeStreamTime(streamTime));
        }

        return true;
    }

    private bool IsInput(TopicPartition partition)
    {
        foreach (var queue in Task.Group.Queues)
        {
            if (queue.Partition == partition)
            {
                return true;
            }
        }

        return false;
    }
}
