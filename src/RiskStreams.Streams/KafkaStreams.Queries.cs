using RiskStreams.Streams.Internal.Runtime.Kafka;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial class KafkaStreams
{
    /// <summary>
    /// A read-only view of a key-value store over the tasks of this instance: all of them, or only the task of
    /// <paramref name="partition"/>. Each call reads the tasks hosted at that moment, between their batches of records,
    /// and returns copies, so it is safe from any thread; entries come per task in serialized-key order, tasks by
    /// partition.
    /// </summary>
    /// <exception cref="ArgumentException">The topology has no store named <paramref name="storeName"/>.</exception>
    /// <remarks>With a partition, reads throw <see cref="InvalidOperationException"/> while that task is not hosted here.</remarks>
    public IReadOnlyKeyValueStore<TKey, TValue> KeyValueStore<TKey, TValue>(string storeName, int? partition = null) =>
        new CompositeReadOnlyKeyValueStore<TKey, TValue>(_registry, storeName, SubtopologyOf(storeName), partition);

    /// <summary>
    /// Runs <paramref name="query"/> on the store of the local task for <paramref name="partition"/> while that task is
    /// between batches, for store types without a composite view. The result must not keep reading the store later.
    /// </summary>
    /// <exception cref="ArgumentException">The topology has no store named <paramref name="storeName"/>.</exception>
    /// <exception cref="InvalidOperationException">The task is not hosted here now, or the store is not a <typeparamref name="TStore"/>.</exception>
    public TResult QueryStore<TStore, TResult>(string storeName, int partition, Func<TStore, TResult> query)
        where TStore : class =>
        QueryStore(storeName, storeName, partition, query);

    /// <summary>
    /// Runs <paramref name="query"/> on <paramref name="storeName"/> as the local task hosting partition
    /// <paramref name="partition"/> of <paramref name="taskStoreName"/> sees it, while that task is between batches: for a
    /// global store read beside a task's own (the view its processors decide with).
    /// </summary>
    /// <exception cref="ArgumentException">The topology has no store named <paramref name="taskStoreName"/>.</exception>
    /// <exception cref="InvalidOperationException">The task is not hosted here now, or the store is not a <typeparamref name="TStore"/>.</exception>
    public TResult QueryStore<TStore, TResult>(string storeName, string taskStoreName, int partition, Func<TStore, TResult> query)
        where TStore : class
    {
        ArgumentNullException.ThrowIfNull(query);
        var id = new TaskId(SubtopologyOf(taskStoreName), partition);
        if (_registry.Find(id) is { } task && task.TryQuery(storeName, query, out var result))
        {
            return result;
        }

        throw new InvalidOperationException(
            $"Store '{storeName}' of partition {partition} is not hosted by this instance now (its task runs elsewhere, or a rebalance is moving it).");
    }

    private int SubtopologyOf(string storeName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storeName);
        foreach (var sub in _topology.Subtopologies)
        {
            foreach (var store in sub.Stores)
            {
                if (store.Name == storeName)
                {
                    return sub.Id;
                }
            }
        }

        throw new ArgumentException($"The topology has no store named '{storeName}'.", nameof(storeName));
    }
}
