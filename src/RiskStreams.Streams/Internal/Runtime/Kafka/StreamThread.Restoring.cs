using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <remarks>
/// A task with logged or persistent stores is created restoring: its input records are fetched and buffered but not
/// processed, and it neither punctuates nor commits, until <see cref="StoreRestorer"/> has rebuilt its stores.
/// </remarks>
internal sealed partial class StreamThread
{
    /// <summary>
    /// Set when a task closed dirty: changelog records it sent may still be in flight (a lost task after a broker
    /// outage), and must land before a task restores from those changelogs again — landing after the records its replay
    /// writes, they would hold older values that a later restoration applies last.
    /// </summary>
    private bool _flushBeforeRestore;

    private void RestoreTasks()
    {
        if (!_restorer!.HasWork)
        {
            return;
        }

        if (_flushBeforeRestore)
        {
            _collector!.Flush();
            _flushBeforeRestore = false;
        }

        foreach (var restoration in _restorer.Step())
        {
            var task = restoration.Task;
            lock (task.Gate)
            {
                task.Task.Context.RestoreStreamTime(restoration.StreamTime);
                task.Task.InitializeNodes();
            }

            StartProcessing(task);
        }

        if (!_restorer.HasWork && !_assignmentPending && State == StreamsState.Rebalancing && !_stopRequested)
        {
            SetState(StreamsState.Running);
        }
    }

    /// <summary>The task processes from now on and its stores answer queries.</summary>
    private void StartProcessing(ActiveTask task)
    {
        task.Running = true;
        _registry.Add(task);
        PublishTaskIds();
    }

    /// <summary>
    /// After a clean close (committed, output flushed): the next changelog offset of each persistent logged store and
    /// the input position its state reflects — exactly the offsets the group confirmed committing, none when the final
    /// commit failed — so the next owner on this machine restores only the changelog's tail.
    /// </summary>
    private void WriteCheckpoint(ActiveTask task)
    {
        if (task.Directory is not { } directory || task.Changelog is not { } changelog)
        {
            return;
        }

        var stores = task.Task.Context.Stores.Where(s => s.Persistent && task.ChangelogTopics.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (stores.Count == 0)
        {
            return;
        }

        if (changelog.CommittedPosition() is not { } position)
        {
            RuntimeLog.CheckpointSkipped(_logger, Name, task.Id);
            return;
        }

        try
        {
            _collector!.Flush();
            var partitions = stores.ToDictionary(s => s, s => new TopicPartition(task.ChangelogTopics[s], task.Id.Partition), StringComparer.Ordinal);
            var ends = _restorer!.EndOffsets(partitions.Values);
            new TaskCheckpoint(partitions.ToDictionary(p => p.Key, p => ends[p.Value], StringComparer.Ordinal), position).Write(directory.Path);
        }
        catch (Exception e) when (e is KafkaException or IOException or UnauthorizedAccessException)
        {
            RuntimeLog.CheckpointFailed(_logger, e, Name, task.Id);
        }
    }

    private void DisposeRestorer()
    {
        try
        {
            _restorer?.Dispose();
        }
        catch (KafkaException e)
        {
            RuntimeLog.ClientError(_logger, Name, e.Error.Code.ToString(), e.Error.Reason);
        }
    }
}
