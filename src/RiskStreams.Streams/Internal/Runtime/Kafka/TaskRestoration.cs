using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Restoration of one task: the committed offsets of its input partitions, read before restoring, and its store
/// partitions. A changelog record applies only if every component of its position is at or before the committed offset
/// of that input partition: records beyond were made by processing the task is about to replay.
/// </summary>
internal sealed class TaskRestoration(ActiveTask task)
{
    private byte[]? _lastPosition;
    private bool _lastPositionAccepted;

    public ActiveTask Task { get; } = task;

    /// <summary>Set once the committed offsets are read, the stores are opened and the changelog partitions assigned.</summary>
    public bool Prepared { get; set; }

    /// <summary>Committed offsets of the task's input partitions (partitions without a commit are absent).</summary>
    public IReadOnlyDictionary<TopicPartition, long> Committed
    {
        get;
        set
        {
            field = value;
            _lastPosition = null;
        }
    } = new Dictionary<TopicPartition, long>();

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

        if (headers.TryGetLastBytes(ChangelogHeaders.Position, out var position) && !AcceptsPosition(position))
        {
            return false;
        }

        if (headers.TryGetLastBytes(ChangelogHeaders.StreamTime, out var streamTime))
        {
            StreamTime = Math.Max(StreamTime, ChangelogHeaders.DecodeStreamTime(streamTime));
        }

        return true;
    }

    /// <summary>
    /// Whether a position is covered by the committed offsets. Consecutive changelog records mostly carry the same
    /// position (every change one input record made), so the last answer is reused for equal bytes instead of
    /// decoding topic names again.
    /// </summary>
    private bool AcceptsPosition(byte[] position)
    {
        if (_lastPosition is not null && position.AsSpan().SequenceEqual(_lastPosition))
        {
            return _lastPositionAccepted;
        }

        var accepted = true;
        foreach (var component in ChangelogHeaders.DecodePosition(position))
        {
            // An input the task no longer reads (the topology changed) constrains nothing.
            if (IsInput(component.TopicPartition)
                && (!Committed.TryGetValue(component.TopicPartition, out var committed) || component.Offset.Value > committed))
            {
                accepted = false;
                break;
            }
        }

        _lastPosition = position;
        _lastPositionAccepted = accepted;
        return accepted;
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
