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
internal sealed class InMemoryWindowBytesStore(string name, long retentionPeriodMs, long windowSizeMs, bool retainDuplicates) : IWindowBytesStore, IRestorableStore
{
    private readonly Dictionary<byte[], KeyWindows> _byKey = new(ByteArrayComparer.Instance);
    private readonly TimeSortedList<HashSet<KeyWindows>> _keysByStart = new(16);
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

    public void Put(byte[] key, byte[]? value, long windowStart) => Put(key, value, windowStart, restoredSeqnum: null);

    /// <summary>Applies changelog records (store-layout keys); duplicates keep their logged sequence numbers.</summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        foreach (var record in batch)
        {
            var key = WindowKeySchema.ExtractKey(record.Key).ToArray();
            Put(key, record.Value, WindowKeySchema.ExtractWindowStart(record.Key), WindowKeySchema.ExtractSeqnum(record.Key));
        }
    }

    private void Put(byte[] key, byte[]? value, long windowStart, int? restoredSeqnum)
    {
        ArgumentNullException.ThrowIfNull(key);
        _observedStreamTime = Math.Max(_observedStreamTime, windowStart);
        RemoveExpired();
        if (windowStart < MinLiveTime)
        {
            return;
        }

        if (value is not null)
        {
            if (!_byKey.TryGetValue(key, out var windows))
            {
                windows = new KeyWindows(key, RetainDuplicates);
                _byKey[key] = windows;
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

            windows.Put(windowStart, value, restoredSeqnum ?? _seqnum);
            _keysByStart.GetOrAdd(windowStart, static _ => new HashSet<KeyWindows>(), 0).Add(windows);
        }
        else if (!RetainDuplicates && _byKey.TryGetValue(key, out var windows) && windows.Remove(windowStart))
        {
            if (windows.IsEmpty)
            {
                _byKey.Remove(key);
            }

            if (_keysByStart.Get(windowStart) is { } keys && keys.Remove(windows) && keys.Count == 0)
            {
                _keysByStart.Remove(windowStart);
            }
        }
    }

    public byte[]? Fetch(byte[] key, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        return windowStart >= MinLiveTime && _byKey.TryGetValue(key, out var windows) ? windows.Get(windowStart) : null;
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
            var keys = new KeyWindows[_keysByStart.ValueAt(i).Count];
            _keysByStart.ValueAt(i).CopyTo(keys);
            Array.Sort(keys, static (x, y) => ByteArrayComparer.Instance.Compare(x.Key, y.Key));
            foreach (var windows in keys)
            {
                windows.AddWindow(window, result);
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
    }

    private List<KeyValuePair<long, byte[]>> FetchKey(byte[] key, long timeFrom, long timeTo)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new List<KeyValuePair<long, byte[]>>();
        if (_byKey.TryGetValue(key, out var windows))
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
                    _byKey.Remove(windows.Key);
                }
            }

            _keysByStart.Remove(_keysByStart.TimeAt(0));
        }
    }
}
