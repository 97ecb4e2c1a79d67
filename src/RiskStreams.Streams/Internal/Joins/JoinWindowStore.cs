using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// One side's buffer of a stream-stream join, over a bytes store keyed [key][timestamp][seq] (duplicates kept in
/// arrival order). Like Kafka Streams' join window store it tracks the side's stream time and treats a record at or
/// before stream time minus the retention (window size + grace) as expired: not stored, never returned.
/// </summary>
internal sealed class JoinWindowStore(IKeyValueBytesStore inner, long retentionMs) : JoinBufferStore(inner)
{
    private readonly long _purgeIntervalMs = Math.Max(retentionMs / 2, 1);
    private long _streamTime = long.MinValue;
    private long _purgedUpTo = long.MinValue;

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

        Inner.Put(JoinKeyCodec.WindowKey(key, timestamp, NextSeq()), value);
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

        foreach (var (k, v) in Inner.Range(JoinKeyCodec.WindowKey(key, from, 0), JoinKeyCodec.WindowKey(key, to, uint.MaxValue)))
        {
            yield return (JoinKeyCodec.WindowKeyTimestamp(k), v);
        }
    }

    /// <summary>Deletes expired records in batches (every half retention of stream time), like dropping a segment.</summary>
    private void MaybePurge()
    {
        var expired = ExpiredUpTo;
        if (expired == long.MinValue || (_purgedUpTo != long.MinValue && expired - _purgedUpTo < _purgeIntervalMs))
        {
            return;
        }

        foreach (var (k, _) in Inner.Range(null, null))
        {
            if (JoinKeyCodec.WindowKeyTimestamp(k) <= expired)
            {
                Inner.Put(k, null);
            }
        }

        _purgedUpTo = expired;
    }

    protected override void Rescan(byte[] key) => _streamTime = Math.Max(_streamTime, JoinKeyCodec.WindowKeyTimestamp(key));
}
