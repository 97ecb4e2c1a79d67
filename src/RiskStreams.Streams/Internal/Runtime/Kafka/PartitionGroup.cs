namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The input queues of one task and the choice of its next record, as Kafka Streams' partition group makes it: the
/// buffered head with the smallest timestamp (ties to the earlier source topic), but only once every input partition
/// either has a record buffered or is caught up and has stayed empty for the idle time (<c>max.task.idle.ms</c>).
/// A partition whose data has not been fetched yet is always waited for, so the same input gives the same order.
/// </summary>
internal sealed class PartitionGroup
{
    private const long NoDeadline = long.MaxValue;

    private readonly RecordQueue[] _queues;
    private readonly long[] _idleDeadlines;
    private readonly long _maxIdleMs;

    public PartitionGroup(RecordQueue[] queues, long maxIdleMs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(queues.Length);
        _queues = queues;
        _maxIdleMs = maxIdleMs;
        _idleDeadlines = new long[queues.Length];
        Array.Fill(_idleDeadlines, NoDeadline);
    }

    public IReadOnlyList<RecordQueue> Queues => _queues;

    /// <summary>True when any queue holds a record.</summary>
    public bool HasBuffered
    {
        get
        {
            foreach (var queue in _queues)
            {
                if (queue.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// When an idling partition next stops holding back a buffered record, or <see cref="long.MaxValue"/>: never when
    /// nothing is buffered (there is nothing to release), and never for a deadline already passed (the task was then
    /// held back by a partition still being fetched, which the consumer wakes the thread for). The poll loop blocks
    /// until then at most, so an idle task costs no CPU.
    /// </summary>
    /// <param name="nowMs">A monotonic clock in milliseconds, as given to <see cref="TryNext"/>.</param>
    public long NextIdleDeadline(long nowMs)
    {
        if (!HasBuffered)
        {
            return NoDeadline;
        }

        var next = NoDeadline;
        foreach (var deadline in _idleDeadlines)
        {
            if (deadline > nowMs)
            {
                next = Math.Min(next, deadline);
            }
        }

        return next;
    }

    /// <summary>The smallest timestamp among the buffered heads (<see cref="long.MaxValue"/> when nothing is buffered): the next record's, once the task may process.</summary>
    public long HeadTimestamp
    {
        get
        {
            var head = long.MaxValue;
            foreach (var queue in _queues)
            {
                if (queue.Count > 0)
                {
                    head = Math.Min(head, queue.HeadTimestamp);
                }
            }

            return head;
        }
    }

    /// <summary>True when some input partition has nothing buffered but is not caught up: records are still to be fetched.</summary>
    public bool AwaitingFetch
    {
        get
        {
            foreach (var queue in _queues)
            {
                if (queue.Count == 0 && !queue.AtEnd)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>When the record last taken arrived from the consumer (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long LastTakenReceivedTicks { get; private set; }

    /// <summary>Takes the next record in timestamp order if the task may process now.</summary>
    /// <param name="nowMs">A monotonic clock in milliseconds, for the idle deadlines.</param>
    /// <param name="record">The record taken.</param>
    public bool TryNext(long nowMs, out ConsumedRecord record)
    {
        if (_queues.Length == 1)
        {
            // One input partition: nothing to order against, nothing to wait for.
            var only = _queues[0];
            if (only.Count > 0)
            {
                record = only.Take();
                LastTakenReceivedTicks = only.LastTakenReceivedTicks;
                return true;
            }

            record = default;
            return false;
        }

        RecordQueue? next = null;
        var nextTimestamp = long.MaxValue;
        var ready = true;
        for (var i = 0; i < _queues.Length; i++)
        {
            var queue = _queues[i];
            if (queue.Count > 0)
            {
                _idleDeadlines[i] = NoDeadline;
                var timestamp = queue.HeadTimestamp;
                if (next is null || timestamp < nextTimestamp)
                {
                    next = queue;
                    nextTimestamp = timestamp;
                }
            }
            else if (!queue.AtEnd)
            {
                // Data may be on the broker for this partition: wait for the fetch, however long it takes.
                _idleDeadlines[i] = NoDeadline;
                ready = false;
            }
            else
            {
                // Caught up and empty: give it max.task.idle.ms for more data before going on without it.
                if (_idleDeadlines[i] == NoDeadline)
                {
                    _idleDeadlines[i] = nowMs + _maxIdleMs;
                }

                if (nowMs < _idleDeadlines[i])
                {
                    ready = false;
                }
            }
        }

        if (!ready || next is null)
        {
            record = default;
            return false;
        }

        record = next.Take();
        LastTakenReceivedTicks = next.LastTakenReceivedTicks;
        return true;
    }

    /// <summary>Gives back the record just taken (see <see cref="RecordQueue.Return"/>), so the next <see cref="TryNext"/> takes it again.</summary>
    public void Return(in ConsumedRecord record)
    {
        foreach (var queue in _queues)
        {
            if (queue.Partition.Topic == record.Topic)
            {
                queue.Return(record);
                return;
            }
        }

        throw new InvalidOperationException($"No input queue of this task reads {record.Topic}.");
    }

    /// <summary>Drops every buffered record (the task is closing).</summary>
    public void Clear()
    {
        foreach (var queue in _queues)
        {
            queue.Clear();
        }
    }
}
