using RiskStreams.Streams.Internal.Windowing;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// In-memory window store. Each key's windows are a sorted array by start (so a key's windows are
/// contiguous and time-ordered, as in Kafka Streams' window key layout), found by a hash lookup; a
/// time index (window start → the keys' window lists) drives expiry and all-key scans. Unlike Kafka Streams'
/// InMemoryWindowStore (start → key map), fetching one key's time range costs O(log n + k), not a
/// probe of every window start in the range — what sliding windows do for every record. A window
/// start at or before observed stream time (the largest start written) minus the retention period
/// is expired: it is dropped and writes to it are ignored.
/// </summary>
internal sealed class InMemoryWindowBytesStore(string name, long retentionPeriodMs, long windowSizeMs, bool retainDuplicates) : IWindowBytesStore, IRestorableStore, IWindowBytesSpanAccess
{
    private readonly Dictionary<byte[], KeyWindows> _byKey = new(ByteArrayComparer.Instance);
    private readonly WindowValuePool _pool = new();

    // Per window start, the keys given a window there (appended when the window is created). A key whose window was
    // deleted stays listed until the start expires, and is listed twice if written again: readers skip such entries.
    private readonly TimeSortedList<List<KeyWindows>> _keysByStart = new(16);

    // The key last looked up: a record updates several windows of one key in a row.
    private KeyWindows? _lastKey;
    private long _observedStreamTime = long.MinValue;
    private int _seqnum;

    public string Name { get; } = name;

    public bool Persistent => false;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    public long WindowSizeMs { get; } = windowSizeMs;

    public bool RetainDuplicates { get; } = retainDuplicates;

    /// <summary>The smallest window start still live.</summary>
    private long MinLiveTime => _observedStreamTime == long.MinValue ? long.MinValue : _observedStreamTime - RetentionPeriodMs + 1;

    public void Init(IStateStoreContext context)
    {
    }

    public void Put(byte[] key, byte[]? value, long windowStart) => Put(key, value, value, delete: value is null, windowStart, restoredSeqnum: null);

    public void Put(byte[] key, ReadOnlySpan<byte> value, long windowStart) => Put(key, value, null, delete: false, windowStart, restoredSeqnum: null);

    public bool TryFetch(byte[] key, long windowStart, out ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = default;
        return windowStart >= MinLiveTime && Find(key) is { } windows && windows.TryGet(windowStart, out value);
    }

    /// <summary>Applies changelog records (store-layout keys); duplicates keep their logged sequence numbers.</summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        foreach (var record in batch)
        {
            var key = WindowKeySchema.ExtractKey(record.Key).ToArray();
            Put(key, record.Value, record.Value, delete: record.Value is null, WindowKeySchema.ExtractWindowStart(record.Key), WindowKeySchema.ExtractSeqnum(record.Key));
        }
    }

    /// <summary>Puts <paramref name="value"/> (given as <paramref name="array"/> too when the caller has one), or deletes.</summary>
    private void Put(byte[] key, ReadOnlySpan<byte> value, byte[]? array, bool delete, long windowStart, int? restoredSeqnum)
    {
        ArgumentNullException.ThrowIfNull(key);
        _observedStreamTime = Math.Max(_observedStreamTime, windowStart);
        RemoveExpired();
        if (windowStart < MinLiveTime)
        {
            return;
        }

        if (!delete)
        {
            var windows = Find(key);
            if (windows is null)
            {
                windows = new KeyWindows(key, RetainDuplicates, _pool);
                _byKey[key] = windows;
                _lastKey = windows;
            }

            if (restoredSeqnum is { } restored)
            {
                // Later duplicates continue after the restored ones, as the change-logging layer above does.
                _seqnum = Math.Max(_seqnum, restored);
            }
            else if (RetainDuplicates)
            {
                _seqnum = (_seqnum + 1) & int.MaxValue;
            }

            if (windows.Put(windowStart, value, array, restoredSeqnum ?? _seqnum))
            {
                _keysByStart.GetOrAdd(windowStart, static _ => [], 0).Add(windows);
            }
        }
        else if (!RetainDuplicates && Find(key) is { } windows && windows.Remove(windowStart) && windows.IsEmpty)
        {
            Forget(windows);
        }
    }

    public byte[]? Fetch(byte[] key, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        return windowStart >= MinLiveTime && Find(key) is { } windows ? windows.Get(windowStart) : null;
    }

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo) => FetchKey(key, timeFrom, timeTo);

    public IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo)
    {
        var result = FetchKey(key, timeFrom, timeTo);
        result.Reverse();
        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo)
    {
        var result = new List<KeyValuePair<Windowed<byte[]>, byte[]>>();
        for (var i = _keysByStart.LowerBound(Math.Max(timeFrom, MinLiveTime)); i < _keysByStart.Count && _keysByStart.TimeAt(i) <= timeTo; i++)
        {
            var start = _keysByStart.TimeAt(i);
            var window = new Window(start, WindowTime.SaturatedAdd(start, WindowSizeMs));
            // A key has one live entry (an emptied one is dropped, never written again), so its duplicates sort together.
            var keys = _keysByStart.ValueAt(i).FindAll(static windows => !windows.IsEmpty);
            keys.Sort(static (x, y) => ByteArrayComparer.Instance.Compare(x.Key, y.Key));
            KeyWindows? previous = null;
            foreach (var windows in keys)
            {
                if (!ReferenceEquals(windows, previous))
                {
                    windows.AddWindow(window, result);
                    previous = windows;
                }
            }
        }

        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> All() => FetchAll(long.MinValue, long.MaxValue);

    public void Flush()
    {
    }

    public void Close()
    {
        _byKey.Clear();
        _keysByStart.Clear();
        _lastKey = null;
        _pool.Clear();
    }

    private List<KeyValuePair<long, byte[]>> FetchKey(byte[] key, long timeFrom, long timeTo)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new List<KeyValuePair<long, byte[]>>();
        if (Find(key) is { } windows)
        {
            windows.AddRange(Math.Max(timeFrom, MinLiveTime), timeTo, result);
        }

        return result;
    }

    /// <summary>Drops windows whose start fell out of the retention period, key by key.</summary>
    private void RemoveExpired()
    {
        var minLive = MinLiveTime;
        while (_keysByStart.Count > 0 && _keysByStart.TimeAt(0) < minLive)
        {
            foreach (var windows in _keysByStart.ValueAt(0))
            {
                windows.RemoveBefore(minLive);
                if (windows.IsEmpty)
                {
                    Forget(windows);
                }
            }

            _keysByStart.Remove(_keysByStart.TimeAt(0));
        }
    }

    private KeyWindows? Find(byte[] key)
    {
        if (_lastKey is { } last && last.Key.AsSpan().SequenceEqual(key))
        {
            return last;
        }

        if (_byKey.TryGetValue(key, out var windows))
        {
            _lastKey = windows;
            return windows;
        }

        return null;
    }

    /// <summary>Drops an emptied key (unless it was already replaced by a newer entry of the same key).</summary>
    private void Forget(KeyWindows windows)
    {
        if (_byKey.TryGetValue(windows.Key, out var current) && ReferenceEquals(current, windows))
        {
            _byKey.Remove(windows.Key);
        }

        if (ReferenceEquals(_lastKey, windows))
        {
            _lastKey = null;
        }
    }
}
