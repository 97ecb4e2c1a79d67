using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <remarks>
/// The consumer group assigns only each sub-topology's anchor topic (<see cref="TopicPlan.AnchorTopics"/>). A task is
/// created for each assigned anchor partition, and the same partition of the sub-topology's other source topics
/// (its followers) is assigned to this consumer by hand, so all input partitions of a task always live in the same
/// thread, as Kafka Streams' own assignor guarantees and a plain consumer assignor does not.
/// </remarks>
internal sealed partial class StreamThread
{
    private readonly Dictionary<TaskId, ActiveTask> _tasks = [];
    private readonly List<ActiveTask> _taskList = [];
    private readonly HashSet<TopicPartition> _desiredFollowers = [];
    private readonly HashSet<TopicPartition> _assignedFollowers = [];

    /// <summary>
    /// Assigned followers whose task closed since the last reconciliation: the consumer's position there is past the
    /// records that task dropped unprocessed (and past a partition end it already reported), so they are unassigned and
    /// assigned again from the committed offset even if a new task wants them at once.
    /// </summary>
    private readonly HashSet<TopicPartition> _releasedFollowers = [];
    private volatile TaskId[] _activeTaskIds = [];
    private bool _followersChanged;

    /// <summary>Set between a revocation and the assignment that completes the rebalance.</summary>
    private bool _assignmentPending;

    private void OnAssigned(List<TopicPartition> partitions)
    {
        Log.Assigned(_logger, Name, string.Join(",", partitions));
        StreamsMetrics.Rebalances.Add(1, _threadTag, new KeyValuePair<string, object?>("kind", "assigned"));
        foreach (var partition in partitions)
        {
            if (_plan.Reading(partition.Topic) is { } sub && !_tasks.ContainsKey(new TaskId(sub.Id, partition.Partition.Value)))
            {
                CreateTask(sub, partition.Partition.Value);
            }
        }

        PublishTaskIds();
        _assignmentPending = false;
        if (!_restorer!.HasWork)
        {
            SetState(StreamsState.Running);
        }
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions)
    {
        Log.Revoked(_logger, Name, string.Join(",", partitions.Select(p => p.TopicPartition)));
        StreamsMetrics.Rebalances.Add(1, _threadTag, new KeyValuePair<string, object?>("kind", "revoked"));
        _assignmentPending = true;
        SetState(StreamsState.Rebalancing);
        var revoked = TasksOf(partitions);
        if (revoked.Count == 0)
        {
            return;
        }

        if (_abandon)
        {
            foreach (var task in revoked)
            {
                CloseTask(task, clean: false);
            }

            PublishTaskIds();
            return;
        }

        Commit(revoked, synchronous: true);
        foreach (var task in revoked)
        {
            CloseTask(task, clean: true);
        }

        PublishTaskIds();
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        // The group went on without this member: the partitions may have a new owner already, so nothing is committed.
        Log.Revoked(_logger, Name, $"lost {string.Join(",", partitions.Select(p => p.TopicPartition))}");
        StreamsMetrics.Rebalances.Add(1, _threadTag, new KeyValuePair<string, object?>("kind", "lost"));
        _assignmentPending = true;
        SetState(StreamsState.Rebalancing);
        var lost = TasksOf(partitions);
        foreach (var task in lost)
        {
            CloseTask(task, clean: false);
        }

        PublishTaskIds();
        if (_producer!.TransactionInFlight && lost.Count > 0)
        {
            // The open transaction holds the lost tasks' output: it must not commit. Aborting it also drops the output
            // of the tasks kept, whose stores are already ahead of their changelogs; rather than restore them again in
            // place, the thread stops; the instance replaces it with a new thread that rejoins, as Kafka Streams does.
            RuntimeLog.LostInTransaction(_logger, Name);
            AbortTransaction();
            throw new TaskMigratedException($"{Name} lost partitions {string.Join(",", partitions.Select(p => p.TopicPartition))} to the group while a transaction was open.");
        }
    }

    private List<ActiveTask> TasksOf(List<TopicPartitionOffset> partitions)
    {
        var result = new List<ActiveTask>();
        foreach (var partition in partitions)
        {
            if (_plan.Reading(partition.Topic) is { } sub && _tasks.TryGetValue(new TaskId(sub.Id, partition.Partition.Value), out var task))
            {
                result.Add(task);
            }
        }

        return result;
    }

    private void CreateTask(SubtopologyPlan sub, int partition)
    {
        var id = new TaskId(sub.Id, partition);
        var queues = new RecordQueue[sub.SourceTopics.Count];
        for (var i = 0; i < queues.Length; i++)
        {
            queues[i] = new RecordQueue(new TopicPartition(sub.SourceTopics[i], partition));
        }

        StreamTask? created = null;
        var changelog = sub.ChangelogTopics.Count == 0
            ? null
            : new ChangelogCollector(_collector!, sub.ChangelogTopics, partition, queues, () => created!.Context.StreamTime);
        var directory = TaskDirectory.For(_options, id);
        var streamTask = created = new StreamTask(id, sub.Subtopology, _options.ApplicationId, _collector!, WallClockMs,
            t => _topology.ResolveTopic(_options.ApplicationId, t), changelog, directory, _options.CacheMaxBytesBuffering);
        streamTask.Context.GlobalStores = _globalStores;
        streamTask.Context.MaxChangelogRecordBytes = _options.MaxChangelogRecordBytes;
        var task = new ActiveTask(streamTask, new PartitionGroup(queues, _maxTaskIdleMs), Name)
        {
            ChangelogTopics = sub.ChangelogTopics,
            Changelog = changelog,
            Directory = streamTask.Context.Stores.Any(s => s.Persistent) ? new TaskDirectory(directory) : null,
        };
        foreach (var queue in queues)
        {
            _queuesByTopic[queue.Partition.Topic][partition] = queue;
        }

        for (var i = 1; i < queues.Length; i++)
        {
            _followersChanged |= _desiredFollowers.Add(queues[i].Partition);
        }

        _tasks.Add(id, task);
        _taskList.Add(task);
        RuntimeLog.TaskCreated(_logger, Name, id, string.Join(",", queues.Select(q => q.Partition)));
        if (task.Changelog is null && task.Directory is null)
        {
            // Nothing to restore: the task runs at once.
            streamTask.Initialize();
            StartProcessing(task);
        }
        else
        {
            // Restored in the poll loop, outside this rebalance callback; its records wait in its queues meanwhile.
            _restorer!.Add(task);
        }
    }

    /// <summary>Closes every task; clean means the caller committed them just before.</summary>
    private void CloseTasks(bool clean)
    {
        foreach (var task in _taskList.ToList())
        {
            CloseTask(task, clean);
        }

        PublishTaskIds();
    }

    private void CloseTask(ActiveTask task, bool clean)
    {
        var wasRunning = task.Running;
        if (!wasRunning)
        {
            _restorer?.Remove(task);
        }

        lock (task.Gate)
        {
            task.Closed = true;
            task.Running = false;
            try
            {
                task.Task.Close();
            }
            catch (Exception e) when (!clean)
            {
                RuntimeLog.CloseFailed(_logger, e, Name);
            }
        }

        if (clean && wasRunning)
        {
            WriteCheckpoint(task);
        }
        else if (!clean)
        {
            ForgetStoredOffsets(task);
            _flushBeforeRestore = true;
        }

        task.Directory?.Dispose();

        task.Group.Clear();
        var resume = EndDependencyPause(task);
        foreach (var queue in task.Group.Queues)
        {
            _queuesByTopic[queue.Partition.Topic][task.Id.Partition] = null;
            _followersChanged |= _desiredFollowers.Remove(queue.Partition);
            if (_assignedFollowers.Contains(queue.Partition))
            {
                _releasedFollowers.Add(queue.Partition);
            }

            if (queue.Paused)
            {
                // Leave no pause behind: librdkafka may keep it if the partition comes back to this consumer.
                queue.Paused = false;
                _pausing.Remove(queue);
                _paused.Remove(queue);
                resume.Add(queue.Partition);
            }
        }

        TryResume(resume);
        _tasks.Remove(task.Id);
        _taskList.Remove(task);
        _registry.Remove(task);
        RuntimeLog.TaskClosed(_logger, Name, task.Id, clean ? "clean" : "dirty");
    }

    /// <summary>
    /// Under at-least-once, drops the offsets a task closed dirty had stored for the background commit. Its input
    /// partitions must restart together from the group's last commit, which covers all of them at once: librdkafka
    /// commits a partition's stored offset when the partition is unassigned, and a lost task's followers are unassigned
    /// later and on their own (the group already took the anchor back without committing it), so their stored offsets
    /// would move the group's followers ahead of the anchor. The restored state, which only applies changes whose
    /// position every committed offset covers, would then miss what the followers' skipped records had changed.
    /// </summary>
    private void ForgetStoredOffsets(ActiveTask task)
    {
        if (_producer is null || _producer.Transactional || _consumer is null)
        {
            return;
        }

        foreach (var queue in task.Group.Queues)
        {
            try
            {
                // A logical offset is never committed; it replaces the stored one.
                _consumer.StoreOffset(new TopicPartitionOffset(queue.Partition, Offset.Unset));
            }
            catch (KafkaException e)
            {
                // Not assigned (any more): nothing of it is stored.
                RuntimeLog.ClientError(_logger, Name, e.Error.Code.ToString(), e.Error.Reason);
            }
        }
    }

    private void TryResume(List<TopicPartition> partitions)
    {
        if (partitions.Count == 0 || _consumer is null)
        {
            return;
        }

        try
        {
            _consumer.Resume(partitions);
        }
        catch (KafkaException e)
        {
            // A lost partition may already be gone from the assignment; there is nothing to resume then.
            RuntimeLog.ClientError(_logger, Name, e.Error.Code.ToString(), e.Error.Reason);
        }
    }

    /// <summary>
    /// Assigns follower partitions of new tasks and unassigns those of closed tasks (never inside a rebalance callback).
    /// A follower whose task closed and whose partition a new task took over in the same rebalance (a lost or revoked
    /// partition assigned back) is unassigned and assigned again: the new task reads it from the committed offset, like
    /// its anchor partition, and the consumer reports its end again.
    /// </summary>
    private void ReconcileFollowers()
    {
        if (!_followersChanged)
        {
            return;
        }

        _followersChanged = false;
        var unassign = _assignedFollowers.Where(p => !_desiredFollowers.Contains(p) || _releasedFollowers.Contains(p)).ToList();
        _releasedFollowers.Clear();
        if (unassign.Count > 0)
        {
            _consumer!.IncrementalUnassign(unassign);
            _assignedFollowers.ExceptWith(unassign);
        }

        var assign = _desiredFollowers.Where(p => !_assignedFollowers.Contains(p)).ToList();
        if (unassign.Count == 0 && assign.Count == 0)
        {
            return;
        }

        if (assign.Count > 0)
        {
            // Offset.Unset: start from the group's committed offset (or auto.offset.reset), like a group assignment.
            _consumer!.IncrementalAssign(assign.Select(p => new TopicPartitionOffset(p, Offset.Unset)));
            _assignedFollowers.UnionWith(assign);
        }

        RuntimeLog.FollowersChanged(_logger, Name, string.Join(",", assign), string.Join(",", unassign));
    }

    private void PublishTaskIds() =>
        _activeTaskIds = [.. _tasks.Keys.OrderBy(t => t.Subtopology).ThenBy(t => t.Partition)];
}
