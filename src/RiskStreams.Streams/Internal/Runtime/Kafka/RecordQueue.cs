using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Records fetched from one input partition of a task and not processed yet, in offset order, with what the task
/// knows about the partition: whether it is caught up, whether fetching is paused, and the offset to commit.
/// </summary>
internal sealed class RecordQueue(TopicPartition partition)
{
    private readonly Queue<ConsumedRecord> _records = new();

    // When each queued record arrived from the consumer (Stopwatch ticks), for the consume-to-produce latency.
    private readonly Queue<long> _receivedTicks = new();
    private long _returnedReceivedTicks;
    private long _taken;

    // A record given back (see Return) is the head again, ahead of the queue.
    private ConsumedRecord _returned;
    private bool _hasReturned;
    private long _commitOffsetBeforeTake = -1;
    private bool _commitPendingBeforeTake;

    public TopicPartition Partition { get; } = partition;

    public int Count => _records.Count + (_hasReturned ? 1 : 0);

    /// <summary>
    /// True when the consumer reported the end of the partition after the last record it delivered, so an empty
    /// queue means no data is waiting on the broker (Kafka's zero fetched lag).
    /// </summary>
    public bool AtEnd { get; private set; }

    /// <summary>True while fetching is paused because the queue is full.</summary>
    public bool Paused { get; set; }

    /// <summary>True while fetching is paused because the task waits for an unavailable dependency.</summary>
    public bool DependencyPaused { get; set; }

    /// <summary>Timestamp of the next record; only valid when <see cref="Count"/> is positive.</summary>
    public long HeadTimestamp => _hasReturned ? _returned.TimestampMs : _records.Peek().TimestampMs;

    /// <summary>The offset to commit (last taken + 1) when <see cref="CommitPending"/> is set.</summary>
    public long CommitOffset { get; private set; } = -1;

    /// <summary>True when records were taken since the last successful commit.</summary>
    public bool CommitPending { get; private set; }

    /// <summary>
    /// The last offset the group is known to hold for this partition: confirmed by a synchronous commit or a committed
    /// transaction (a background commit of stored offsets is not confirmed); -1 when none is known.
    /// </summary>
    public long ConfirmedOffset { get; private set; } = -1;

    /// <summary>When the record last taken arrived from the consumer (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long LastTakenReceivedTicks { get; private set; }

    public void Add(in ConsumedRecord record, long receivedTicks = 0)
    {
        _records.Enqueue(record);
        _receivedTicks.Enqueue(receivedTicks);
        AtEnd = false;
    }

    public void MarkEnd() => AtEnd = true;

    /// <summary>Removes the head record; its offset counts as processed from now on.</summary>
    public ConsumedRecord Take()
    {
        ConsumedRecord record;
        if (_hasReturned)
        {
            record = _returned;
            _returned = default;
            _hasReturned = false;
            LastTakenReceivedTicks = _returnedReceivedTicks;
        }
        else
        {
            record = _records.Dequeue();
            LastTakenReceivedTicks = _receivedTicks.Dequeue();
        }

        _commitOffsetBeforeTake = CommitOffset;
        _commitPendingBeforeTake = CommitPending;
        CommitOffset = record.Offset + 1;
        CommitPending = true;
        _taken++;
        return record;
    }

    /// <summary>Records that <paramref name="offset"/> was committed (or stored for the background commit, unless <paramref name="confirmed"/>).</summary>
    public void MarkCommitted(long offset, bool confirmed)
    {
        if (CommitOffset == offset)
        {
            CommitPending = false;
        }

        if (confirmed)
        {
            ConfirmedOffset = offset;
        }
    }

    public long DrainTakenCount()
    {
        var taken = _taken;
        _taken = 0;
        return taken;
    }

    /// <summary>
    /// Gives back the record just taken, unprocessed: it is the head again and its offset no longer counts as processed
    /// (the task could not process it now and retries it later).
    /// </summary>
    public void Return(in ConsumedRecord record)
    {
        if (_hasReturned || CommitOffset != record.Offset + 1)
        {
            throw new InvalidOperationException($"Only the record last taken from {Partition} can be given back, not offset {record.Offset}.");
        }

        _returned = record;
        _returnedReceivedTicks = LastTakenReceivedTicks;
        _hasReturned = true;
        CommitOffset = _commitOffsetBeforeTake;
        CommitPending = _commitPendingBeforeTake;
        _taken--;
    }

    public void Clear()
    {
        _records.Clear();
        _receivedTicks.Clear();
        _returned = default;
        _hasReturned = false;
    }
}
