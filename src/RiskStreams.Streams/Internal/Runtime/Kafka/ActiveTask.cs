namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// A task owned by a stream thread: the processing task, its input queues, and the gate the thread holds while it
/// processes, punctuates, flushes or closes the task, so store queries from other threads see a consistent store.
/// </summary>
internal sealed class ActiveTask(StreamTask task, PartitionGroup group, string threadName)
{
    private string? _idText;

    public TaskId Id => Task.Id;

    public StreamTask Task { get; } = task;

    public PartitionGroup Group { get; } = group;

    public string ThreadName { get; } = threadName;

    /// <summary>The <c>task</c> tag of this task's metrics.</summary>
    public KeyValuePair<string, object?> MetricTag => new("task", _idText ??= Id.ToString());

    /// <summary>The retry schedule while the task is held back by an unavailable dependency.</summary>
    public DependencyBackoff DependencyBackoff { get; } = new();

    /// <summary>Held by the owning thread around work on the task and by queries around reads.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Set under <see cref="Gate"/> when the task closes; its stores must not be read afterwards.</summary>
    public bool Closed { get; set; }

    /// <summary>False while the task's stores are restoring: it processes, punctuates and commits only once set.</summary>
    public bool Running { get; set; }

    /// <summary>Changelog topic of each logged store, by store name.</summary>
    public IReadOnlyDictionary<string, string> ChangelogTopics { get; init; } = new Dictionary<string, string>();

    /// <summary>Sends the task's store changes to their changelogs; null when no store is logged.</summary>
    public ChangelogCollector? Changelog { get; init; }

    /// <summary>The locked local directory of a task with persistent stores; null otherwise.</summary>
    public TaskDirectory? Directory { get; init; }

    public bool HasStore(string name)
    {
        foreach (var store in Task.Subtopology.Stores)
        {
            if (store.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs <paramref name="query"/> on the store while the task is idle; false if the task has closed meanwhile.</summary>
    public bool TryQuery<TStore, TResult>(string storeName, Func<TStore, TResult> query, out TResult result)
        where TStore : class
    {
        lock (Gate)
        {
            if (Closed)
            {
                result = default!;
                return false;
            }

            var store = Task.Store(storeName) as TStore
                ?? throw new InvalidOperationException($"Store '{storeName}' is a {Task.Store(storeName).GetType().Name}, not a {typeof(TStore).Name}.");
            result = query(store);
            return true;
        }
    }

    /// <summary>Entries of each store that counts them (key-value and versioned stores), read while the task is idle; empty once closed.</summary>
    public List<(string Store, long Entries)> StoreSizes()
    {
        var sizes = new List<(string, long)>();
        lock (Gate)
        {
            if (!Closed)
            {
                foreach (var store in Task.Context.Stores)
                {
                    if (store is Internal.State.ICountedStore counted)
                    {
                        sizes.Add((store.Name, counted.ApproximateCount));
                    }
                }
            }
        }

        return sizes;
    }
}
