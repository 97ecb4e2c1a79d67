using Confluent.Kafka;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// The grace buffer of a stream-table join (KIP-923): stream records keyed [timestamp][seq], held until stream
/// time has passed their timestamp by the grace period, then released in timestamp order.
/// </summary>
internal sealed class JoinGraceBuffer(IKeyValueBytesStore inner) : JoinBufferStore(inner)
{
    private long _streamTime = long.MinValue;
    private long _minTimestamp = long.MaxValue;

    /// <summary>The largest stream-record timestamp the join has seen.</summary>
    public long StreamTime
    {
        get
        {
            EnsureScanned();
            return _streamTime;
        }
    }

    public void Observe(long timestamp)
    {
        EnsureScanned();
        _streamTime = Math.Max(_streamTime, timestamp);
    }

    public void Put(long timestamp, byte[] key, byte[] value, Headers? headers)
    {
        EnsureScanned();
        Inner.Put(JoinKeyCodec.TimeKey(timestamp, NextSeq()), BufferedRecordCodec.Encode(key, value, headers));
        _minTimestamp = Math.Min(_minTimestamp, timestamp);
    }

    /// <summary>Removes and returns the records with timestamps at or before <paramref name="deadline"/>, oldest first (arrival order on ties).</summary>
    public List<(long Timestamp, byte[] Key, byte[] Value, Headers? Headers)> EvictUpTo(long deadline)
    {
        EnsureScanned();
        var evicted = new List<(long, byte[], byte[], Headers?)>();
        if (_minTimestamp > deadline)
        {
            return evicted;
        }

        foreach (var (k, v) in Inner.Range(null, JoinKeyCodec.TimeKey(deadline, uint.MaxValue)))
        {
            var (key, value, headers) = BufferedRecordCodec.Decode(v);
            evicted.Add((JoinKeyCodec.ReadTimestamp(k), key, value, headers));
            Inner.Put(k, null);
        }

        // Whatever is left is newer than the deadline.
        _minTimestamp = deadline + 1;
        return evicted;
    }

    protected override void Rescan(byte[] key)
    {
        var timestamp = JoinKeyCodec.ReadTimestamp(key);
        _streamTime = Math.Max(_streamTime, timestamp);
        _minTimestamp = Math.Min(_minTimestamp, timestamp);
    }
}
