using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Sends one task's store changes to their changelog topics: partition = the task's partition (set explicitly, not
/// picked by the partitioner), timestamp = the change's, and headers with the task's input position and stream time
/// (see <see cref="ChangelogHeaders"/>). A change made in a punctuation carries the position of the last processed
/// record, because the queues' positions only move when a record is taken.
/// </summary>
internal sealed class ChangelogCollector : IChangelogCollector
{
    private readonly RecordCollector _collector;
    private readonly IReadOnlyDictionary<string, string> _topicsByStore;
    private readonly int _partition;
    private readonly IReadOnlyList<RecordQueue> _queues;
    private readonly Func<long> _streamTime;
    private readonly long[] _startOffsets;
    private readonly long[] _encodedOffsets;
    private byte[]? _position;
    private long _encodedStreamTime = long.MinValue;
    private byte[] _streamTimeBytes = ChangelogHeaders.EncodeStreamTime(long.MinValue);
    private Headers? _headers;

    /// <param name="collector">The thread's output.</param>
    /// <param name="topicsByStore">Changelog topic of each logged store.</param>
    /// <param name="partition">The task's partition.</param>
    /// <param name="queues">The task's input queues, whose offsets are the position.</param>
    /// <param name="streamTime">The task's stream time.</param>
    public ChangelogCollector(RecordCollector collector, IReadOnlyDictionary<string, string> topicsByStore, int partition, IReadOnlyList<RecordQueue> queues, Func<long> streamTime)
    {
        _collector = collector;
        _topicsByStore = topicsByStore;
        _partition = partition;
        _queues = queues;
        _streamTime = streamTime;
        _startOffsets = new long[queues.Count];
        _encodedOffsets = new long[queues.Count];
        Array.Fill(_startOffsets, -1);
        Array.Fill(_encodedOffsets, -1);
    }

    /// <summary>
    /// The committed offsets the task's state reflects after restoration: the position of a partition the task has
    /// not processed anything from since.
    /// </summary>
    public void SetStartPosition(IReadOnlyDictionary<TopicPartition, long> committed)
    {
        for (var i = 0; i < _queues.Count; i++)
        {
            _startOffsets[i] = committed.TryGetValue(_queues[i].Partition, out var offset) ? offset : -1;
        }

        _position = null;
    }

    public void Append(string storeName, byte[] key, byte[]? value, long timestamp)
    {
        if (!_topicsByStore.TryGetValue(storeName, out var topic))
        {
            throw new InvalidOperationException($"Store '{storeName}' logs changes but has no changelog topic in task partition {_partition}.");
        }

        _collector.Send(topic, _partition, key, value, Math.Max(0, timestamp), CurrentHeaders());
    }

    /// <summary>
    /// The input position the task's state reflects, as the group holds it: the confirmed commit of each partition the
    /// task processed, the start position of the others; null when a partition was processed beyond its last confirmed
    /// commit (the state is then ahead of the group, and a checkpoint of it would be discarded at the next start).
    /// </summary>
    public Dictionary<TopicPartition, long>? CommittedPosition()
    {
        var position = new Dictionary<TopicPartition, long>();
        for (var i = 0; i < _queues.Count; i++)
        {
            var queue = _queues[i];
            if (queue.CommitOffset >= 0 && queue.ConfirmedOffset != queue.CommitOffset)
            {
                return null;
            }

            if (Offset(i) is var offset and >= 0)
            {
                position[queue.Partition] = offset;
            }
        }

        return position;
    }

    /// <summary>
    /// The headers of a change made now. One instance serves every change until the position or the stream time moves
    /// (the producer copies headers when a record is sent and never keeps the instance), so the changes one input
    /// record makes — a hopping window's ten updates — share it instead of allocating their own.
    /// </summary>
    private Headers CurrentHeaders()
    {
        var changed = UpdatePosition();
        var streamTime = _streamTime();
        if (streamTime != _encodedStreamTime)
        {
            _streamTimeBytes = ChangelogHeaders.EncodeStreamTime(streamTime);
            _encodedStreamTime = streamTime;
            changed = true;
        }

        if (changed || _headers is null)
        {
            _headers = new Headers
            {
                { ChangelogHeaders.Position, _position! },
                { ChangelogHeaders.StreamTime, _streamTimeBytes },
            };
        }

        return _headers;
    }

    /// <summary>Re-encodes the position when an input offset moved since the last change; true when it did.</summary>
    private bool UpdatePosition()
    {
        var changed = _position is null;
        for (var i = 0; i < _queues.Count; i++)
        {
            var offset = Offset(i);
            if (offset != _encodedOffsets[i])
            {
                _encodedOffsets[i] = offset;
                changed = true;
            }
        }

        if (changed)
        {
            var entries = new List<TopicPartitionOffset>(_queues.Count);
            for (var i = 0; i < _queues.Count; i++)
            {
                if (_encodedOffsets[i] >= 0)
                {
                    entries.Add(new TopicPartitionOffset(_queues[i].Partition, _encodedOffsets[i]));
                }
            }

            _position = ChangelogHeaders.EncodePosition(entries);
        }

        return changed;
    }

    private long Offset(int queue) => _queues[queue].CommitOffset >= 0 ? _queues[queue].CommitOffset : _startOffsets[queue];
}
