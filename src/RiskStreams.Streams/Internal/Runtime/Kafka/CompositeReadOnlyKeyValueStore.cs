using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// A read-only view of one key-value store over the local tasks that hold it (all of them, or the task of one
/// partition). Every call reads each task's store while its thread is not working on the task and copies what it
/// reads, so callers on any thread get consistent results and never iterate a store that is changing.
/// </summary>
internal sealed class CompositeReadOnlyKeyValueStore<TKey, TValue>(TaskRegistry registry, string storeName, int subtopology, int? partition)
    : IReadOnlyKeyValueStore<TKey, TValue>
{
    public long ApproximateCount
    {
        get
        {
            long count = 0;
            foreach (var task in Tasks())
            {
                if (Query(task, s => s.ApproximateCount, out var n))
                {
                    count += n;
                }
            }

            return count;
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        foreach (var task in Tasks())
        {
            if (Query(task, s => s.TryGet(key, out var v) ? (true, v) : (false, default!), out var found) && found.Item1)
            {
                value = found.Item2;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Entries in [<paramref name="from"/>, <paramref name="to"/>], per task in serialized-key order, tasks by partition.</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Range(TKey from, TKey to) => Collect(s => s.Range(from, to));

    /// <summary>All entries, per task in serialized-key order, tasks by partition.</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> All() => Collect(s => s.All());

    private List<KeyValuePair<TKey, TValue>> Collect(Func<IReadOnlyKeyValueStore<TKey, TValue>, IEnumerable<KeyValuePair<TKey, TValue>>> read)
    {
        var result = new List<KeyValuePair<TKey, TValue>>();
        foreach (var task in Tasks())
        {
            Query(task, s =>
            {
                result.AddRange(read(s));
                return true;
            }, out _);
        }

        return result;
    }

    private bool Query<TResult>(ActiveTask task, Func<IReadOnlyKeyValueStore<TKey, TValue>, TResult> query, out TResult result)
    {
        if (task.TryQuery(storeName, query, out result))
        {
            return true;
        }

        return partition is null ? false : throw NotHosted(partition.Value);
    }

    private List<ActiveTask> Tasks()
    {
        if (partition is not { } p)
        {
            return registry.OfSubtopology(subtopology);
        }

        return [registry.Find(new TaskId(subtopology, p)) ?? throw NotHosted(p)];
    }

    private InvalidOperationException NotHosted(int p) =>
        new($"Store '{storeName}' of partition {p} is not hosted by this instance now (its task runs elsewhere, or a rebalance is moving it).");
}
