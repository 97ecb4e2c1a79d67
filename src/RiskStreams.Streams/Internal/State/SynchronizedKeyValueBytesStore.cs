using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Serializes access to a bytes store that one thread writes while others read: a global store is filled by the
/// global-state updater and read by every stream task.
/// </summary>
internal sealed class SynchronizedKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore, IRestorableStore
{
    private readonly Lock _lock = new();

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long ApproximateCount
    {
        get
        {
            lock (_lock)
            {
                return inner.ApproximateCount;
            }
        }
    }

    public void Init(IStateStoreContext context)
    {
        lock (_lock)
        {
            inner.Init(context);
        }
    }

    public byte[]? Get(byte[] key)
    {
        lock (_lock)
        {
            return inner.Get(key);
        }
    }

    public void Put(byte[] key, byte[]? value)
    {
        lock (_lock)
        {
            inner.Put(key, value);
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        lock (_lock)
        {
            // Materialized under the lock so readers never see a half-applied write.
            return inner.Range(from, to).ToList();
        }
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        lock (_lock)
        {
            RestorableStore.Of(inner).Restore(batch);
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            inner.Flush();
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            inner.Close();
        }
    }
}
