using System.Diagnostics;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

internal sealed partial class StreamThread
{
    /// <summary>
    /// At-least-once commit of <paramref name="tasks"/>: flush their stores, wait until every output record is
    /// acknowledged, then hand over the offset after the last processed record of each of their input partitions:
    /// stored for librdkafka's background commit, or committed now when <paramref name="synchronous"/> (before the
    /// partitions leave this consumer).
    /// </summary>
    private void Commit(IReadOnlyList<ActiveTask> tasks, bool synchronous)
    {
        if (_producer!.Transactional)
        {
            // One transaction holds the output of all the thread's tasks, so a commit is always of them all.
            CommitTransaction();
            return;
        }

        var started = Stopwatch.GetTimestamp();

        // A restoring task has processed nothing and its stores may not be open yet.
        // A synchronous commit also covers offsets stored earlier that the background commit may not have sent yet.
        var (queues, offsets) = FlushForCommit([.. tasks.Where(t => t.Running)], includeStored: synchronous);
        if (offsets.Count == 0 || !(synchronous ? TryCommit(offsets) : TryStore(offsets)))
        {
            return;
        }

        MarkCommitted(queues, offsets, started, confirmed: synchronous);
    }

    /// <summary>
    /// Exactly-once commit of every running task: flush their stores (changelog records go into the open transaction),
    /// wait until every record of the transaction is acknowledged (a refusal fails here, before anything commits), then
    /// commit the transaction with the offset after the last processed record of each input partition. Offsets are not
    /// committed through the consumer. A failure aborts the transaction and throws (see <see cref="StreamsProducer.CommitTransaction"/>).
    /// </summary>
    private void CommitTransaction()
    {
        var started = Stopwatch.GetTimestamp();
        var (queues, offsets) = FlushForCommit([.. _taskList.Where(t => t.Running)], includeStored: false);
        if (offsets.Count == 0 && !_producer!.TransactionInFlight)
        {
            return;
        }

        _producer!.CommitTransaction(offsets, _consumer!.ConsumerGroupMetadata);
        MarkCommitted(queues, offsets, started, confirmed: true);
    }

    /// <summary>
    /// Flushes the stores of <paramref name="tasks"/> and waits until every record sent so far is acknowledged, then
    /// returns the offsets to commit: each input queue with processed records not yet committed, and with
    /// <paramref name="includeStored"/> also those only stored for the background commit.
    /// </summary>
    private (List<RecordQueue> Queues, List<TopicPartitionOffset> Offsets) FlushForCommit(List<ActiveTask> tasks, bool includeStored)
    {
        foreach (var task in tasks)
        {
            lock (task.Gate)
            {
                task.Task.Flush();
            }
        }

        _collector!.Flush();
        var queues = new List<RecordQueue>();
        var offsets = new List<TopicPartitionOffset>();
        foreach (var task in tasks)
        {
            foreach (var queue in task.Group.Queues)
            {
                if (queue.CommitPending || (includeStored && queue.CommitOffset >= 0))
                {
                    queues.Add(queue);
                    offsets.Add(new TopicPartitionOffset(queue.Partition, queue.CommitOffset));
                }
            }
        }

        return (queues, offsets);
    }

    private void MarkCommitted(List<RecordQueue> queues, List<TopicPartitionOffset> offsets, long started, bool confirmed)
    {
        for (var i = 0; i < queues.Count; i++)
        {
            queues[i].MarkCommitted(offsets[i].Offset.Value, confirmed);
        }

        StreamsMetrics.Commits.Add(1, _threadTag);
        StreamsMetrics.CommitLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _threadTag);
    }

    private bool TryStore(List<TopicPartitionOffset> offsets)
    {
        try
        {
            foreach (var offset in offsets)
            {
                _consumer!.StoreOffset(offset);
            }

            return true;
        }
        catch (KafkaException e)
        {
            // A partition left the assignment since its record was processed; its new owner starts from the last commit.
            RuntimeLog.CommitFailed(_logger, Name, e.Error.Reason);
            return false;
        }
    }

    /// <summary>
    /// Commits; a commit refused because the group is rebalancing, or that cannot reach the group's coordinator (brokers
    /// down: a revocation or a close during an outage), is retried at the next commit — the tasks then write no
    /// checkpoint, and their next owner replays from the last commit. Only a fatal client error fails the thread. The
    /// offsets are stored first, so a later background commit of stored offsets (librdkafka commits them on close too)
    /// cannot move the group back behind them.
    /// </summary>
    private bool TryCommit(List<TopicPartitionOffset> offsets)
    {
        if (!TryStore(offsets))
        {
            return false;
        }

        try
        {
            _consumer!.Commit(offsets);
            return true;
        }
        catch (TopicPartitionOffsetException e) when (e.Results.All(r => !r.Error.IsError || IsRetriableCommitError(r.Error)))
        {
            RuntimeLog.CommitFailed(_logger, Name, e.Message);
            return false;
        }
        catch (KafkaException e) when (IsRetriableCommitError(e.Error))
        {
            RuntimeLog.CommitFailed(_logger, Name, e.Error.Reason);
            return false;
        }
    }

    private static bool IsRetriableCommitError(Error error) =>
        error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId
            or ErrorCode.Local_WaitCoord or ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Transport or ErrorCode.Local_TimedOut
            or ErrorCode.GroupCoordinatorNotAvailable or ErrorCode.NotCoordinatorForGroup or ErrorCode.RequestTimedOut
        && !error.IsFatal;
}
