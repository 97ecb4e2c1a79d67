using System.Collections.Concurrent;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>The active tasks of every stream thread of one instance, for store queries from other threads.</summary>
internal sealed class TaskRegistry
{
    private readonly ConcurrentDictionary<TaskId, ActiveTask> _tasks = new();

    public void Add(ActiveTask task) => _tasks[task.Id] = task;

    public void Remove(ActiveTask task) => _tasks.TryRemove(new KeyValuePair<TaskId, ActiveTask>(task.Id, task));

    public ActiveTask? Find(TaskId id) => _tasks.GetValueOrDefault(id);

    /// <summary>The tasks at this moment.</summary>
    public ICollection<ActiveTask> All => _tasks.Values;

    /// <summary>The tasks of <paramref name="subtopology"/> at this moment, by partition.</summary>
    public List<ActiveTask> OfSubtopology(int subtopology)
    {
        var result = new List<ActiveTask>();
        foreach (var (id, task) in _tasks)
        {
            if (id.Subtopology == subtopology)
            {
                result.Add(task);
            }
        }

        result.Sort((a, b) => a.Id.Partition.CompareTo(b.Id.Partition));
        return result;
    }
}
