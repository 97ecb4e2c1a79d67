using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <remarks>
/// A record whose deserialization fails with <see cref="DependencyUnavailableException"/> is not bad data: the task
/// gives it back to its queue, pauses fetching of its input partitions and retries it with backoff
/// (<see cref="DependencyBackoff"/>); records already buffered stay buffered, nothing is skipped, committed offsets stay
/// before the record, and once it goes through the partitions resume from where fetching stopped.
/// </remarks>
internal sealed partial class StreamThread
{
    private static bool IsDependencyOutage(Exception e) =>
        e is RecordDeserializationException { InnerException: DependencyUnavailableException };

    /// <summary>Holds <paramref name="task"/> back after <paramref name="record"/> met an unavailable dependency.</summary>
    private void HoldForDependency(ActiveTask task, in ConsumedRecord record, Exception error, long nowMs)
    {
        task.Group.Return(record);
        var backoff = task.DependencyBackoff;
        var cause = error.InnerException ?? error;
        if (!backoff.Fail(nowMs))
        {
            RuntimeLog.DependencyStillUnavailable(_logger, Name, task.Id, backoff.Attempts, backoff.RetryAtMs - nowMs, cause.Message);
            return;
        }

        var pause = new List<TopicPartition>();
        foreach (var queue in task.Group.Queues)
        {
            queue.DependencyPaused = true;
            pause.Add(queue.Partition);
        }

        _consumer!.Pause(pause);
        StreamsMetrics.DependencyPausedPartitions.Add(pause.Count, _threadTag);
        StreamsMetrics.DependencyPauses.Add(1, _threadTag, task.MetricTag);
        RuntimeLog.DependencyUnavailable(_logger, Name, task.Id, record.Topic, record.Partition, record.Offset, cause.Message);
    }

    /// <summary>Ends the hold of <paramref name="task"/> once a record went through; resumes the partitions it paused.</summary>
    private void ReleaseDependencyHold(ActiveTask task, long nowMs)
    {
        var backoff = task.DependencyBackoff;
        RuntimeLog.DependencyAvailable(_logger, Name, task.Id, backoff.Attempts, nowMs - backoff.PausedSinceMs);
        backoff.Clear();
        TryResume(EndDependencyPause(task));
    }

    /// <summary>Clears the task's dependency pause flags and gauge; returns the partitions to resume (those not also paused as full).</summary>
    private List<TopicPartition> EndDependencyPause(ActiveTask task)
    {
        var resume = new List<TopicPartition>();
        var paused = 0;
        foreach (var queue in task.Group.Queues)
        {
            if (!queue.DependencyPaused)
            {
                continue;
            }

            queue.DependencyPaused = false;
            paused++;
            if (!queue.Paused)
            {
                resume.Add(queue.Partition);
            }
        }

        if (paused > 0)
        {
            StreamsMetrics.DependencyPausedPartitions.Add(-paused, _threadTag);
        }

        return resume;
    }

    /// <summary>The earliest retry of a task held back by a dependency, so the poll loop sleeps until then at most.</summary>
    private long NextDependencyRetryMs()
    {
        var next = long.MaxValue;
        foreach (var task in _taskList)
        {
            if (task.DependencyBackoff.Paused)
            {
                next = Math.Min(next, task.DependencyBackoff.RetryAtMs);
            }
        }

        return next;
    }
}
