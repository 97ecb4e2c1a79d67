using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Record cache over a key-value store (between the typed layer and change-logging): writes stay in a cache of at
/// most the task's <see cref="ICachingContext.CacheMaxBytes"/>, so repeated updates of a key reach the changelog and
/// the store once per flush (commit) instead of once per record. Reads see cached writes first. When the cache is
/// over budget, its least recently used entries are evicted, dirty ones written through. Range reads and the count
/// merge the dirty entries with the store without writing anything (see <see cref="CacheOverlay"/>), so reading never
/// writes a changelog record, whatever thread reads. With a budget of zero (or a context without one) every call goes
/// straight through.
/// </summary>
internal sealed class CachingKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore, IRestorableStore
{
    private CachingLruCache<byte[]>? _cache;
    private long _maxBytes;
    private ChangelogRecordLimit _limit;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    /// <summary>The store's count adjusted by the dirty entries: a new key adds one, a delete of a stored key removes one.</summary>
    public long ApproximateCount
    {
        get
        {
            var count = inner.ApproximateCount;
            if (_cache is null || _cache.DirtyCount == 0)
            {
                return count;
            }

            foreach (var (key, value) in _cache.Dirty(static _ => true))
            {
                var stored = inner.Get(key) is not null;
                count += value is not null && !stored ? 1 : value is null && stored ? -1 : 0;
            }

            return count;
        }
    }

    public void Init(IStateStoreContext context)
    {
        inner.Init(context);
        _limit = ChangelogRecordLimit.Of(context);
        _maxBytes = context is ICachingContext caching ? caching.CacheMaxBytes : 0;
        _cache = _maxBytes > 0 ? new CachingLruCache<byte[]>(ByteArrayComparer.Instance, static key => key.Length) : null;
    }

    public byte[]? Get(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _cache is not null && _cache.TryGet(key, out var cached) ? cached : inner.Get(key);
    }

    public void Put(byte[] key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache is null)
        {
            inner.Put(key, value);
            return;
        }

        // Checked here, not when the entry is flushed to the change-logging layer later, far from its input record.
        _limit.Check(Name, key, 0, value?.Length ?? 0);
        _cache.Put(key, value);
        while (_cache.SizeBytes > _maxBytes && _cache.TryEvict(out var evicted, out var evictedValue, out var dirty))
        {
            if (dirty)
            {
                inner.Put(evicted, evictedValue);
            }
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        if (_cache is null || _cache.DirtyCount == 0)
        {
            return inner.Range(from, to);
        }

        var order = ByteArrayComparer.Instance;
        var dirty = _cache.Dirty(key => (from is null || order.Compare(key, from) >= 0) && (to is null || order.Compare(key, to) <= 0));
        return CacheOverlay.Merge(inner.Range(from, to), dirty, order);
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        // Restoring writes below the cache, so nothing cached may shadow it.
        _cache?.Clear();
        if (inner is not IRestorableStore restorable)
        {
            throw new InvalidOperationException($"Store '{Name}' cannot be restored: the layer under its cache ({inner.GetType().Name}) does not restore.");
        }

        restorable.Restore(batch);
    }

    public void Flush()
    {
        FlushCache();
        inner.Flush();
    }

    public void Close()
    {
        // Unflushed entries are dropped, as a crash would drop them: the changelog has everything up to the last flush.
        _cache?.Clear();
        _cache = null;
        inner.Close();
    }

    private void FlushCache() => _cache?.Flush(inner.Put);
}
