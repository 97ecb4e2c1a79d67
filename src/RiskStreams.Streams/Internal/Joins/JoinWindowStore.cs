using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// One side's buffer of a stream-stream join, over a bytes store keyed [key][timestamp][seq] (duplicates kept in
/// arrival order). Like Kafka Streams' join window store it tracks the side's stream time and treats a record at or
/// before stream time minus the retention (window size + grace) as expired: not stored, never returned.
/// </summary>
internal sealed class JoinWindowStore(IKeyValueBytesStore inner, long retentionMs) : IStateStore, IRestorableStore
{
    private readonly long _purgeIntervalMs = Math.Max(retentionMs / 2, 1);
    private long _streamTime = long.MinValue;
    private long _purgedUpTo = long.MinValue;
    private uint _seq;
    private bool _scanned;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    /// <summary>The largest timestamp this side has seen.</summary>
    public long StreamTime
    {
        get
        {
            EnsureScanned();
            return _streamTime;
        }
    }

    /// <summary>Records at or before this time are expired.</summary>
    private long ExpiredUpTo => _streamTime < long.MinValue + retentionMs ? long.MinValue : _streamTime - retentionMs;

    public void Init(IStateStoreContext context) => inner.Init(context);

    /// <summary>Advances this side's stream time.</summary>
    public void Observe(long timestamp)
    {
        EnsureScanned();
        if (timestamp > _streamTime)
        {
            _streamTime = timestamp;
        }
    }

    /// <summary>Buffers a record; false (and nothing stored) when it is already expired.</summary>
    public bool TryPut(byte[] key, long timestamp, byte[] value)
    {
        Observe(timestamp);
        if (timestamp <= ExpiredUpTo)
        {
            return false;
        }

        inner.Put(JoinKeyCodec.WindowKey(key, timestamp, _seq++), value);
        MaybePurge();
        return true;
    }

    /// <summary>The unexpired records of <paramref name="key"/> with timestamps in [<paramref name="from"/>, <paramref name="to"/>], by time then arrival.</summary>
    public IEnumerable<(long Timestamp, byte[] Value)> Fetch(byte[] key, long from, long to)
    {
        EnsureScanned();
        var expired = ExpiredUpTo;
        if (expired != long.MinValue && from <= expired)
        {
            from = expired + 1;
        }

        if (from > to)
        {
            yield break;
        }

        foreach (var (k, v) in inner.Range(JoinKeyCodec.WindowKey(key, from, 0), JoinKeyCodec.WindowKey(key, to, uint.MaxValue)))
        {
            yield return (JoinKeyCodec.WindowKeyTimestamp(k), v);
        }
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        RestorableStore.Of(inner).Restore(batch);

        // Derived state (stream time, sequence, earliest timestamp) is rebuilt from the restored entries on next use.
        _scanned = false;
    }

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    /// <summary>Deletes expired records in batches (every half retention of stream time), like dropping a segment.</summary>
    private void MaybePurge()
    {
        var expired = ExpiredUpTo;
        if (expired == long.MinValue || (_purgedUpTo != long.MinValue && expired - _purgedUpTo < _purgeIntervalMs))
        {
            return;
        }

        foreach (var (k, _) in inner.Range(null, null))
        {
            if (JoinKeyCodec.WindowKeyTimestamp(k) <= expired)
            {
                inner.Put(k, null);
            }
        }

        _purgedUpTo = expired;
    }

    /// <summary>After a restore the store holds records this instance never saw: recover stream time and the next sequence number.</summary>
    private void EnsureScanned()
    {
        if (_scanned)
        {
            return;
        }

        _scanned = true;
        foreach (var (k, _) in inner.Range(null, null))
        {
            _streamTime = Math.Max(_streamTime, JoinKeyCodec.WindowKeyTimestamp(k));
            _seq = Math.Max(_seq, JoinKeyCodec.ReadSeq(k) + 1);
        }
    }
}
