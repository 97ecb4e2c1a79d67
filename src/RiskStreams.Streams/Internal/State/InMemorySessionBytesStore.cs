using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// In-memory session store. Each key's sessions are sorted by end (then start), found by a hash lookup,
/// so finding the sessions a record may merge with costs O(log n + k) for its key; a time index
/// (session end → the keys' session lists) drives expiry and all-key scans by end time. A session
/// ending before observed stream time (the largest end written) minus the retention period is expired.
/// (Kafka Streams' in-memory store also expires a session ending exactly at that time, one millisecond
/// before a session aggregation with retention = gap + grace closes it; keeping it that millisecond
/// longer lets such a session still merge and be emitted on close.)
/// </summary>
internal sealed class InMemorySessionBytesStore(string name, long retentionPeriodMs) : ISessionBytesStore, IRestorableStore
{
    private readonly Dictionary<byte[], KeySessions> _byKey = new(ByteArrayComparer.Instance);
    private readonly TimeSortedList<HashSet<KeySessions>> _keysByEnd = new(16);
    private long _observedStreamTime = long.MinValue;

    public string Name { get; } = name;

    public bool Persistent => false;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    /// <summary>The smallest session end still live.</summary>
    private long MinLiveTime => _observedStreamTime == long.MinValue ? long.MinValue : _observedStreamTime - RetentionPeriodMs;

    public void Init(IStateStoreContext context)
    {
    }

    public void Put(Windowed<byte[]> session, byte[]? aggregate)
    {
        var key = session.Key ?? throw new ArgumentException("A session needs a key.", nameof(session));
        var (start, end) = (session.Window.StartMs, session.Window.EndMs);
        _observedStreamTime = Math.Max(_observedStreamTime, end);
        RemoveExpired();
        if (end < MinLiveTime)
        {
            return;
        }

        if (aggregate is not null)
        {
            if (!_byKey.TryGetValue(key, out var sessions))
            {
                sessions = new KeySessions(key);
                _byKey[key] = sessions;
            }

            sessions.Put(start, end, aggregate);
            _keysByEnd.GetOrAdd(end, static _ => new HashSet<KeySessions>(), 0).Add(sessions);
        }
        else if (_byKey.TryGetValue(key, out var sessions) && sessions.Remove(start, end))
        {
            if (sessions.IsEmpty)
            {
                _byKey.Remove(key);
            }

            if (_keysByEnd.Get(end) is { } keys && keys.Remove(sessions) && keys.Count == 0)
            {
                _keysByEnd.Remove(end);
            }
        }
    }

    public byte[]? FetchSession(byte[] key, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(key);
        return end >= MinLiveTime && _byKey.TryGetValue(key, out var sessions) ? sessions.Get(start, end) : null;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessions(byte[] key, long earliestSessionEndTime, long latestSessionStartTime)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new List<KeyValuePair<Windowed<byte[]>, byte[]>>();
        if (_byKey.TryGetValue(key, out var sessions))
        {
            sessions.AddSessions(Math.Max(earliestSessionEndTime, MinLiveTime), latestSessionStartTime, result);
        }

        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessionsByEndTime(long earliestSessionEndTime, long latestSessionEndTime)
    {
        var result = new List<KeyValuePair<Windowed<byte[]>, byte[]>>();
        for (var i = _keysByEnd.LowerBound(Math.Max(earliestSessionEndTime, MinLiveTime)); i < _keysByEnd.Count && _keysByEnd.TimeAt(i) <= latestSessionEndTime; i++)
        {
            var keys = new KeySessions[_keysByEnd.ValueAt(i).Count];
            _keysByEnd.ValueAt(i).CopyTo(keys);
            Array.Sort(keys, static (x, y) => ByteArrayComparer.Instance.Compare(x.Key, y.Key));
            foreach (var sessions in keys)
            {
                sessions.AddEndingAt(_keysByEnd.TimeAt(i), result);
            }
        }

        return result;
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        foreach (var record in batch)
        {
            Put(SessionKeySchema.FromStoreKey(record.Key), record.Value);
        }
    }

    public void Flush()
    {
    }

    public void Close()
    {
        _byKey.Clear();
        _keysByEnd.Clear();
    }

    /// <summary>Drops sessions whose end fell out of the retention period, key by key.</summary>
    private void RemoveExpired()
    {
        var minLive = MinLiveTime;
        while (_keysByEnd.Count > 0 && _keysByEnd.TimeAt(0) < minLive)
        {
            foreach (var sessions in _keysByEnd.ValueAt(0))
            {
                sessions.RemoveBefore(minLive);
                if (sessions.IsEmpty)
                {
                    _byKey.Remove(sessions.Key);
                }
            }

            _keysByEnd.Remove(_keysByEnd.TimeAt(0));
        }
    }
}
