using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

internal sealed partial class StreamThread
{
    /// <summary>
    /// Fetching of a partition pauses at this many buffered records and resumes at half (Kafka's
    /// buffered.records.per.partition, 1000 there). Higher here because librdkafka drops what it prefetched for a
    /// partition when it is paused and fetches it again on resume; at 1000, about as many as one poll takes, the pipe
    /// ran at a quarter of its speed on the mock cluster.
    /// </summary>
    private const int MaxBufferedPerPartition = 5000;

    /// <summary>Records one task processes before the loop polls and punctuates again.</summary>
    private const int MaxRecordsPerTaskPerLoop = 1000;

    private readonly Dictionary<string, RecordQueue?[]> _queuesByTopic = new(StringComparer.Ordinal);
    private readonly List<RecordQueue> _pausing = [];
    private readonly List<RecordQueue> _paused = [];
    private readonly List<TopicPartition> _resuming = [];
    private readonly Dictionary<int, long> _horizons = [];
    private bool _moreWork;

    private void ProcessTasks(long nowMs)
    {
        _moreWork = false;
        var horizons = TimeSkewHorizons(nowMs);
        var heldBack = false;
        var processed = false;
        foreach (var task in _taskList)
        {
            if (!task.Running || !task.Group.HasBuffered || !task.DependencyBackoff.CanTry(nowMs))
            {
                continue;
            }

            var horizon = horizons?.GetValueOrDefault(task.Id.Subtopology, long.MaxValue) ?? long.MaxValue;
            var count = 0;
            lock (task.Gate)
            {
                while (count < MaxRecordsPerTaskPerLoop && (horizon == long.MaxValue || task.Group.HeadTimestamp <= horizon) && task.Group.TryNext(nowMs, out var record))
                {
                    if (!Process(task, record, nowMs))
                    {
                        break;
                    }

                    count++;
                }
            }

            if (count > 0 && task.DependencyBackoff.Paused)
            {
                ReleaseDependencyHold(task, nowMs);
            }

            if (count == MaxRecordsPerTaskPerLoop)
            {
                _moreWork = true;
            }

            processed |= count > 0;
            heldBack |= horizon != long.MaxValue && task.Group.HasBuffered && task.Group.HeadTimestamp > horizon;

            if (count > 0)
            {
                ReportProcessed(task);
            }

            if (task.Task.Context.TakePunctuationCount() is > 0 and var fired)
            {
                StreamsMetrics.Punctuations.Add(fired, _threadTag, new KeyValuePair<string, object?>("type", "stream-time"));
            }
        }

        // Tasks held back by a sibling that moved on go again at once; held back by one waiting for a fetch, the poll wakes them.
        _moreWork |= heldBack && processed;
    }

    /// <summary>
    /// With <see cref="StreamsOptions.MaxTaskTimeSkew"/>: per sub-topology, the earliest record time its tasks may still
    /// process, plus the bound — no task of it goes past that this loop. A task counts with its earliest buffered record; one
    /// with nothing buffered counts with its stream time while it still restores or awaits a fetch (it has records to come,
    /// none earlier than its stream time in the usual case), so a task that starts or fetches late is not left behind. A task
    /// caught up with nothing buffered, or held back by an unavailable dependency, does not count. Null without a bound.
    /// </summary>
    private Dictionary<int, long>? TimeSkewHorizons(long nowMs)
    {
        if (_maxTaskTimeSkewMs is not { } skew)
        {
            return null;
        }

        _horizons.Clear();
        foreach (var task in _taskList)
        {
            long earliest;
            if (!task.DependencyBackoff.CanTry(nowMs))
            {
                continue;
            }
            else if (task.Running && task.Group.HasBuffered)
            {
                earliest = task.Group.HeadTimestamp;
            }
            else if (!task.Running || task.Group.AwaitingFetch)
            {
                earliest = task.Task.Context.StreamTime;
            }
            else
            {
                continue;
            }

            var horizon = earliest > long.MaxValue - skew ? long.MaxValue : earliest + skew;
            _horizons[task.Id.Subtopology] = _horizons.TryGetValue(task.Id.Subtopology, out var known) ? Math.Min(known, horizon) : horizon;
        }

        return _horizons;
    }

    /// <summary>Processes one record; false when it met an unavailable dependency and the task is now held back.</summary>
    private bool Process(ActiveTask task, in ConsumedRecord record, long nowMs)
    {
        try
        {
            task.Task.Context.RecordReceivedTicks = task.Group.LastTakenReceivedTicks;
            task.Task.Process(record);
        }
        catch (Exception e) when (IsDependencyOutage(e))
        {
            HoldForDependency(task, record, e, nowMs);
            return false;
        }
        catch (Exception e) when (e is not TaskMigratedException && !_collector!.HasFailed)
        {
            if (_errorPolicy.OnError(task.Id, record, e, _collector) == ProcessingErrorAction.Fail)
            {
                throw new InvalidOperationException(
                    $"Task {task.Id} failed to process {record.Topic}[{record.Partition}]@{record.Offset}: {e.Message}", e);
            }
        }
        finally
        {
            task.Task.Context.RecordReceivedTicks = 0;
        }

        return true;
    }

    private void ReportProcessed(ActiveTask task)
    {
        foreach (var queue in task.Group.Queues)
        {
            var taken = queue.DrainTakenCount();
            if (taken > 0)
            {
                StreamsMetrics.RecordsProcessed.Add(taken, _threadTag, task.MetricTag, new KeyValuePair<string, object?>("topic", queue.Partition.Topic));
            }
        }
    }

    private void PunctuateWallClock()
    {
        if (_brokersDown)
        {
            return;
        }

        var fired = 0;
        foreach (var task in _taskList)
        {
            if (!task.Running || task.DependencyBackoff.Paused)
            {
                // A task held back by a dependency stands still: nothing may overtake the record it waits with.
                continue;
            }

            lock (task.Gate)
            {
                fired += PunctuateWallClock(task);
            }
        }

        if (fired > 0)
        {
            StreamsMetrics.Punctuations.Add(fired, _threadTag, new KeyValuePair<string, object?>("type", "wall-clock"));
        }
    }

    /// <summary>A punctuation that throws goes to the processing handler (skipped and dead-lettered, or the thread fails).</summary>
    private int PunctuateWallClock(ActiveTask task)
    {
        try
        {
            return task.Task.PunctuateWallClock();
        }
        catch (Exception e) when (e is not TaskMigratedException && !_collector!.HasFailed)
        {
            if (_errorPolicy.OnPunctuationError(task.Id, e, WallClockMs(), _collector) == ProcessingErrorAction.Fail)
            {
                throw new InvalidOperationException($"Task {task.Id} failed in a wall-clock punctuation: {e.Message}", e);
            }

            return 1;
        }
    }

    /// <summary>Pauses partitions whose queue filled up and resumes those drained to half, bounding memory per partition.</summary>
    private void ApplyPauseAndResume()
    {
        if (_pausing.Count > 0)
        {
            _consumer!.Pause(_pausing.Select(q => q.Partition));
            _paused.AddRange(_pausing);
            _pausing.Clear();
        }

        for (var i = _paused.Count - 1; i >= 0; i--)
        {
            var queue = _paused[i];
            if (queue.Count <= MaxBufferedPerPartition / 2)
            {
                queue.Paused = false;
                if (!queue.DependencyPaused)
                {
                    _resuming.Add(queue.Partition);
                }

                _paused.RemoveAt(i);
            }
        }

        if (_resuming.Count > 0)
        {
            _consumer!.Resume(_resuming);
            _resuming.Clear();
        }
    }
}
