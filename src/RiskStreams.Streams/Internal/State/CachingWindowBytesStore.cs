using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Record cache over a window store (between the typed layer and change-logging), like
/// <see cref="CachingKeyValueBytesStore"/>: writes of a key's window are coalesced in the cache until a flush
/// (commit) or an eviction writes them through. The cache applies the store's expiry itself (it tracks the largest
/// window start written), so a cached window past the retention is neither returned nor written through. Point reads
/// see the cache; range reads write every dirty entry through first and read the store. A store retaining duplicates
/// is not cached (every put is its own entry). Span reads and writes (<see cref="IWindowBytesSpanAccess"/>) copy no
/// value that the cache already holds.
/// </summary>
internal sealed class CachingWindowBytesStore(IWindowBytesStore inner) : IWindowBytesStore, IRestorableStore, IWindowBytesSpanAccess
{
    private readonly IWindowBytesSpanAccess? _spans = inner as IWindowBytesSpanAccess;
    private CachingLruCache<CachingWindowKey>? _cache;
    private long _maxBytes;
    private long _observedStreamTime = long.MinValue;
    private ChangelogRecordLimit _limit;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long RetentionPeriodMs => inner.RetentionPeriodMs;

    public long WindowSizeMs => inner.WindowSizeMs;

    public bool RetainDuplicates => inner.RetainDuplicates;

    /// <summary>The smallest window start still live, as the store below computes it.</summary>
    private long MinLiveTime => _observedStreamTime == long.MinValue ? long.MinValue : _observedStreamTime - RetentionPeriodMs + 1;

    public void Init(IStateStoreContext context)
    {
        inner.Init(context);
        _limit = ChangelogRecordLimit.Of(context);
        _maxBytes = context is ICachingContext caching && !inner.RetainDuplicates ? caching.CacheMaxBytes : 0;
        _cache = _maxBytes > 0
            ? new CachingLruCache<CachingWindowKey>(EqualityComparer<CachingWindowKey>.Default, static key => key.Key.Length + sizeof(long))
            : null;
    }

    public void Put(byte[] key, byte[]? value, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache is null)
        {
            inner.Put(key, value, windowStart);
            return;
        }

        _observedStreamTime = Math.Max(_observedStreamTime, windowStart);
        if (windowStart < MinLiveTime)
        {
            return;
        }

        _limit.Check(Name, key, WindowKeySchema.TimestampSize + WindowKeySchema.SeqnumSize, value?.Length ?? 0);
        _cache.Put(new CachingWindowKey(key, windowStart), value);
        Evict(_cache);
    }

    public void Put(byte[] key, ReadOnlySpan<byte> value, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache is null)
        {
            if (_spans is not null)
            {
                _spans.Put(key, value, windowStart);
            }
            else
            {
                inner.Put(key, value.ToArray(), windowStart);
            }

            return;
        }

        _observedStreamTime = Math.Max(_observedStreamTime, windowStart);
        if (windowStart < MinLiveTime)
        {
            return;
        }

        _limit.Check(Name, key, WindowKeySchema.TimestampSize + WindowKeySchema.SeqnumSize, value.Length);
        _cache.Put(new CachingWindowKey(key, windowStart), value);
        Evict(_cache);
    }

    public bool TryFetch(byte[] key, long windowStart, out ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache is not null)
        {
            if (windowStart < MinLiveTime)
            {
                value = default;
                return false;
            }

            if (_cache.TryGetSpan(new CachingWindowKey(key, windowStart), out value, out var deleted))
            {
                return !deleted;
            }
        }

        if (_spans is not null)
        {
            return _spans.TryFetch(key, windowStart, out value);
        }

        var bytes = inner.Fetch(key, windowStart);
        value = bytes;
        return bytes is not null;
    }

    public byte[]? Fetch(byte[] key, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache is null)
        {
            return inner.Fetch(key, windowStart);
        }

        if (windowStart < MinLiveTime)
        {
            return null;
        }

        return _cache.TryGet(new CachingWindowKey(key, windowStart), out var cached) ? cached : inner.Fetch(key, windowStart);
    }

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo)
    {
        FlushCache();
        return inner.Fetch(key, timeFrom, timeTo);
    }

    public IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo)
    {
        FlushCache();
        return inner.BackwardFetch(key, timeFrom, timeTo);
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo)
    {
        FlushCache();
        return inner.FetchAll(timeFrom, timeTo);
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> All()
    {
        FlushCache();
        return inner.All();
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        _cache?.Clear();
        if (inner is not IRestorableStore restorable)
        {
            throw new InvalidOperationException($"Store '{Name}' cannot be restored: the layer under its cache ({inner.GetType().Name}) does not restore.");
        }

        // The store below advances its stream time with the restored windows; so must the cache's expiry.
        foreach (var record in batch)
        {
            _observedStreamTime = Math.Max(_observedStreamTime, WindowKeySchema.ExtractWindowStart(record.Key));
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

    private void FlushCache() => _cache?.Flush(WriteThrough);

    private void Evict(CachingLruCache<CachingWindowKey> cache)
    {
        while (cache.SizeBytes > _maxBytes && cache.TryEvict(out var evicted, out var evictedValue, out var dirty))
        {
            if (dirty)
            {
                WriteThrough(evicted, evictedValue);
            }
        }
    }

    private void WriteThrough(CachingWindowKey key, byte[]? value)
    {
        // A window that expired while cached is not written: the store below would ignore it, and it must not be logged.
        if (key.WindowStart >= MinLiveTime)
        {
            inner.Put(key.Key, value, key.WindowStart);
        }
    }
}
