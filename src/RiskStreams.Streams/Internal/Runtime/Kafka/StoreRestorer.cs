using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Restores the stores of a stream thread's new tasks from their changelogs, a bounded slice per loop iteration so the
/// thread keeps polling (and stays in its group) however long a restore takes. Preparing a task reads its committed
/// input offsets and its checkpoint, wipes persistent stores that have no valid checkpoint, opens the stores and
/// assigns their changelog partitions, from the beginning or from the checkpointed offset up to the end offset seen
/// then, to the thread's restore consumer (assign and seek only, no group).
/// </summary>
internal sealed class StoreRestorer(StreamsOptions options, string threadName, ILogger logger, Func<IConsumer<byte[]?, byte[]?>> mainConsumer) : IDisposable
{
    private const int MaxRecordsPerStep = 10_000;
    private const int MaxBatch = 1_000;
    private const int StepBudgetMs = 50;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly List<TaskRestoration> _tasks = [];
    private readonly Dictionary<TopicPartition, (TaskRestoration Task, ChangelogPartitionRestore Partition)> _active = [];
    private readonly List<TopicPartition> _finished = [];
    private readonly bool _readCommitted = options.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2;
    private IConsumer<byte[]?, byte[]?>? _consumer;

    /// <summary>True while any task is restoring.</summary>
    public bool HasWork => _tasks.Count > 0;

    /// <summary>True while changelog partitions are assigned and being read (a step then waits on the restore consumer).</summary>
    public bool IsReading => _active.Count > 0;

    private IConsumer<byte[]?, byte[]?> Consumer => _consumer ??= new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientFactory.RestoreConsumer(options, $"{threadName}-restore-consumer"))
        .SetLogHandler((_, m) => ClientLog.Write(logger, m))
        .Build();

    public void Add(ActiveTask task) => _tasks.Add(new TaskRestoration(task) { StartedAt = Stopwatch.GetTimestamp() });

    /// <summary>Stops restoring a task that closes before it finished.</summary>
    public void Remove(ActiveTask task)
    {
        var index = _tasks.FindIndex(r => r.Task == task);
        if (index < 0)
        {
            return;
        }

        var restoration = _tasks[index];
        _tasks.RemoveAt(index);
        foreach (var partition in restoration.Partitions.Where(p => !p.Done))
        {
            _active.Remove(partition.Partition);
            _finished.Add(partition.Partition);
            ReportRemaining(partition, 0);
        }

        Unassign();
    }

    /// <summary>Prepares waiting tasks, reads a bounded slice of changelog records, and returns the tasks now fully restored.</summary>
    public List<TaskRestoration> Step()
    {
        foreach (var restoration in _tasks)
        {
            if (!restoration.Prepared)
            {
                Prepare(restoration);
            }
        }

        if (_active.Count > 0)
        {
            Read();
        }

        var restored = _tasks.Where(r => r.Complete).ToList();
        foreach (var restoration in restored)
        {
            _tasks.Remove(restoration);
            RuntimeLog.TaskRestored(logger, threadName, restoration.Task.Id, (long)Stopwatch.GetElapsedTime(restoration.StartedAt).TotalMilliseconds);
        }

        return restored;
    }

    /// <summary>The current end offsets of changelog partitions (for a checkpoint, after the producer was flushed).</summary>
    public Dictionary<TopicPartition, long> EndOffsets(IEnumerable<TopicPartition> partitions) =>
        partitions.ToDictionary(tp => tp, tp => Consumer.QueryWatermarkOffsets(tp, RequestTimeout).High.Value);

    public void Dispose()
    {
        if (_consumer is null)
        {
            return;
        }

        try
        {
            _consumer.Close();
        }
        finally
        {
            _consumer.Dispose();
            _consumer = null;
        }
    }

    private void Prepare(TaskRestoration restoration)
    {
        var task = restoration.Task;
        if (task.Directory is { } locked && !locked.TryLock())
        {
            if (!restoration.WaitingForLock)
            {
                restoration.WaitingForLock = true;
                RuntimeLog.TaskDirectoryLocked(logger, threadName, task.Id, locked.Path);
            }

            return;
        }

        var changelogs = task.ChangelogTopics
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (Store: c.Key, Partition: new TopicPartition(c.Value, task.Id.Partition)))
            .ToList();

        // The group's commits of the input partitions, and of changelog partitions: only an application reset on a
        // cluster that cannot delete or truncate topics commits those, to make restoration start after old records.
        var inputs = task.Group.Queues.Select(q => q.Partition).ToHashSet();
        var committed = new Dictionary<TopicPartition, long>();
        var changelogFloor = new Dictionary<TopicPartition, long>();
        foreach (var offset in mainConsumer().Committed([.. inputs, .. changelogs.Select(c => c.Partition)], RequestTimeout))
        {
            if (offset.Offset.Value >= 0)
            {
                (inputs.Contains(offset.TopicPartition) ? committed : changelogFloor)[offset.TopicPartition] = offset.Offset.Value;
            }
        }

        restoration.Committed = committed;
        var ranges = changelogs
            .Select(c => (c.Store, c.Partition, Watermarks: Consumer.QueryWatermarkOffsets(c.Partition, RequestTimeout)))
            .ToList();
        var checkpoint = ReadCheckpoint(task, committed, ranges.ToDictionary(r => r.Store, r => r.Watermarks.High.Value, StringComparer.Ordinal));
        task.Task.InitializeStores();
        task.Changelog?.SetStartPosition(committed);

        var assign = new List<TopicPartitionOffset>();
        foreach (var (storeName, partition, watermarks) in ranges)
        {
            var store = task.Task.Store(storeName);
            var start = Math.Max(watermarks.Low.Value, changelogFloor.GetValueOrDefault(partition));
            if (store.Persistent && checkpoint is not null && checkpoint.StoreOffsets.TryGetValue(storeName, out var next))
            {
                start = Math.Max(start, next);
            }

            var restore = new ChangelogPartitionRestore(storeName, RestorableStore.Of(store), partition, start, Math.Max(start, watermarks.High.Value))
            {
                StartedAt = Stopwatch.GetTimestamp(),
            };
            restoration.Partitions.Add(restore);
            RuntimeLog.RestoreStarted(logger, threadName, task.Id, storeName, partition.ToString(), restore.Start, restore.End);
            options.RestoreListener?.OnRestoreStart(storeName, partition.Topic, partition.Partition.Value, restore.Start, restore.End);
            // The store's restore series exist from its first restore on (at zero), so rates and gauges read 0, not nothing.
            var storeTag = new KeyValuePair<string, object?>("store", storeName);
            StreamsMetrics.RestoredRecords.Add(0, storeTag);
            StreamsMetrics.RestoreRemainingRecords.Add(0, storeTag);
            ReportRemaining(restore, restore.Remaining);
            if (restore.Remaining == 0)
            {
                Finish(restoration, restore);
            }
            else
            {
                _active[partition] = (restoration, restore);
                assign.Add(new TopicPartitionOffset(partition, start));
            }
        }

        if (assign.Count > 0)
        {
            Consumer.IncrementalAssign(assign);
        }

        restoration.Prepared = true;
    }

    /// <summary>
    /// Reads and deletes the task's checkpoint (a crash from now on must find none), keeps it only if it is consistent
    /// with the committed offsets and the changelogs, and wipes the persistent logged stores it does not cover.
    /// </summary>
    private TaskCheckpoint? ReadCheckpoint(ActiveTask task, Dictionary<TopicPartition, long> committed, Dictionary<string, long> endOffsets)
    {
        if (task.Directory is not { } directory)
        {
            return null;
        }

        var checkpoint = TaskCheckpoint.Read(directory.Path);
        TaskCheckpoint.Delete(directory.Path);
        if (checkpoint is not null && !checkpoint.NotAheadOf(committed))
        {
            RuntimeLog.CheckpointDiscarded(logger, threadName, task.Id, "its position is ahead of the committed offsets");
            checkpoint = null;
        }

        if (checkpoint is not null && checkpoint.StoreOffsets.Any(s => endOffsets.TryGetValue(s.Key, out var end) && s.Value > end))
        {
            RuntimeLog.CheckpointDiscarded(logger, threadName, task.Id, "a changelog ends before its checkpointed offset");
            checkpoint = null;
        }

        foreach (var store in task.Task.Context.Stores)
        {
            if (store.Persistent && task.ChangelogTopics.ContainsKey(store.Name) && (checkpoint is null || !checkpoint.StoreOffsets.ContainsKey(store.Name)))
            {
                directory.Wipe(store.Name);
            }
        }

        return checkpoint;
    }

    private void Read()
    {
        var started = Stopwatch.GetTimestamp();
        var read = 0;
        while (read < MaxRecordsPerStep && _active.Count > 0)
        {
            // Take what is already fetched first; read the clock (for the wait) only when the fetched records ran out.
            var result = Consumer.Consume(0)
                ?? Consumer.Consume((int)Math.Max(0, StepBudgetMs - Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            if (result is null)
            {
                break;
            }

            if (!_active.TryGetValue(result.TopicPartition, out var entry))
            {
                continue;
            }

            var (restoration, partition) = entry;
            var offset = result.Offset.Value;
            if (result.IsPartitionEOF || offset >= partition.End)
            {
                // Under exactly-once the restore consumer reads committed only, and its end is the last stable offset:
                // an open transaction's records there (a zombie's, aborted once it times out) are not this task's past.
                if (offset >= partition.End || (result.IsPartitionEOF && _readCommitted))
                {
                    Finish(restoration, partition);
                }

                continue;
            }

            read++;
            partition.Next = offset + 1;
            var message = result.Message;
            if (message.Key is not null && restoration.Accepts(message.Headers))
            {
                partition.Batch.Add(new ChangelogRecord(message.Key, message.Value, message.Timestamp.UnixTimestampMs));
                partition.BatchEndOffset = offset;
                if (partition.Batch.Count >= MaxBatch)
                {
                    Apply(partition);
                }
            }
            else
            {
                partition.Skipped++;
            }

            if (partition.Next >= partition.End)
            {
                Finish(restoration, partition);
            }
        }

        foreach (var (_, partition) in _active.Values)
        {
            Apply(partition);
            ReportRemaining(partition, partition.Remaining);
        }

        Unassign();
    }

    private void Apply(ChangelogPartitionRestore partition)
    {
        if (partition.Batch.Count == 0)
        {
            return;
        }

        partition.Store.Restore(partition.Batch);
        partition.Restored += partition.Batch.Count;
        StreamsMetrics.RestoredRecords.Add(partition.Batch.Count, new KeyValuePair<string, object?>("store", partition.StoreName));
        options.RestoreListener?.OnBatchRestored(partition.StoreName, partition.Partition.Topic, partition.Partition.Partition.Value, partition.BatchEndOffset, partition.Batch.Count);
        partition.Batch.Clear();
    }

    private void Finish(TaskRestoration restoration, ChangelogPartitionRestore partition)
    {
        Apply(partition);
        partition.Done = true;
        ReportRemaining(partition, 0);
        if (_active.Remove(partition.Partition))
        {
            _finished.Add(partition.Partition);
        }

        RuntimeLog.RestoreCompleted(logger, threadName, restoration.Task.Id, partition.StoreName, partition.Partition.ToString(), partition.Restored, partition.Skipped,
            (long)Stopwatch.GetElapsedTime(partition.StartedAt).TotalMilliseconds);
        options.RestoreListener?.OnRestoreEnd(partition.StoreName, partition.Partition.Topic, partition.Partition.Partition.Value, partition.Restored);
    }

    private void Unassign()
    {
        if (_finished.Count > 0 && _consumer is not null)
        {
            _consumer.IncrementalUnassign(_finished);
        }

        _finished.Clear();
    }

    private static void ReportRemaining(ChangelogPartitionRestore partition, long remaining)
    {
        if (remaining != partition.ReportedRemaining)
        {
            StreamsMetrics.RestoreRemainingRecords.Add(remaining - partition.ReportedRemaining, new KeyValuePair<string, object?>("store", partition.StoreName));
            partition.ReportedRemaining = remaining;
        }
    }
}
