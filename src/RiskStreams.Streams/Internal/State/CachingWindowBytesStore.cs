using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Record cache over a window store (between the typed layer and change-logging), like
/// <see cref="CachingKeyValueBytesStore"/>: writes of a key's window are coalesced in the cache until a flush
/// (commit) or an eviction writes them through. The cache applies the store's expiry itself (it tracks the largest
/// window start written), so a cached window past the retention is neither returned nor written through. Point reads
/// see the cache; range reads merge the dirty entries with the store without writing anything (see
/// <see cref="CacheOverlay"/>), so reading never writes a changelog record. A store retaining duplicates
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

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo) =>
        _cache is null || _cache.DirtyCount == 0
            ? inner.Fetch(key, timeFrom, timeTo)
            : CacheOverlay.Merge(Live(inner.Fetch(key, timeFrom, timeTo)), DirtyOf(key, timeFrom, timeTo), Comparer<long>.Default);

    public IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo) =>
        _cache is null || _cache.DirtyCount == 0
            ? inner.BackwardFetch(key, timeFrom, timeTo)
            : CacheOverlay.Merge(Live(inner.BackwardFetch(key, timeFrom, timeTo)), DirtyOf(key, timeFrom, timeTo), Descending);

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo) =>
        _cache is null || _cache.DirtyCount == 0
            ? inner.FetchAll(timeFrom, timeTo)
            : CacheOverlay.Merge(Live(inner.FetchAll(timeFrom, timeTo)), DirtyIn(timeFrom, timeTo), ByStartThenKey);

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> All() =>
        _cache is null || _cache.DirtyCount == 0
            ? inner.All()
            : CacheOverlay.Merge(Live(inner.All()), DirtyIn(long.MinValue, long.MaxValue), ByStartThenKey);

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

    private static readonly IComparer<long> Descending = Comparer<long>.Create(static (x, y) => y.CompareTo(x));

    private static readonly IComparer<Windowed<byte[]>> ByStartThenKey = Comparer<Windowed<byte[]>>.Create(static (x, y) =>
        x.Window.StartMs != y.Window.StartMs ? x.Window.StartMs.CompareTo(y.Window.StartMs) : ByteArrayComparer.Instance.Compare(x.Key, y.Key));

    private void FlushCache() => _cache?.Flush(WriteThrough);

    /// <summary>Dirty windows of <paramref name="key"/> starting in the range and still live.</summary>
    private List<KeyValuePair<long, byte[]?>> DirtyOf(byte[] key, long timeFrom, long timeTo)
    {
        var from = Math.Max(timeFrom, MinLiveTime);
        return [.. _cache!.Dirty(k => k.WindowStart >= from && k.WindowStart <= timeTo && k.Key.AsSpan().SequenceEqual(key))
            .Select(e => new KeyValuePair<long, byte[]?>(e.Key.WindowStart, e.Value))];
    }

    /// <summary>Dirty windows of any key starting in the range and still live.</summary>
    private List<KeyValuePair<Windowed<byte[]>, byte[]?>> DirtyIn(long timeFrom, long timeTo)
    {
        var from = Math.Max(timeFrom, MinLiveTime);
        return [.. _cache!.Dirty(k => k.WindowStart >= from && k.WindowStart <= timeTo)
            .Select(e => new KeyValuePair<Windowed<byte[]>, byte[]?>(
                new Windowed<byte[]>(e.Key.Key, new Window(e.Key.WindowStart, Windowing.WindowTime.SaturatedAdd(e.Key.WindowStart, WindowSizeMs))), e.Value))];
    }

    // The cache may have seen later windows than the store below (not written through yet): what they expire, the
    // store still holds, and must not be returned.
    private IEnumerable<KeyValuePair<long, byte[]>> Live(IEnumerable<KeyValuePair<long, byte[]>> windows)
    {
        var min = MinLiveTime;
        return windows.Where(w => w.Key >= min);
    }

    private IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> Live(IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> windows)
    {
        var min = MinLiveTime;
        return windows.Where(w => w.Key.Window.StartMs >= min);
    }

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
