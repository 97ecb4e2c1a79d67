using RiskStreams.Streams.Internal.State;
using Confluent.Kafka;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// The grace buffer of a stream-table join (KIP-923): stream records keyed [timestamp][seq], held until stream
/// time has passed their timestamp by the grace period, then released in timestamp order.
/// </summary>
internal sealed class JoinGraceBuffer(IKeyValueBytesStore inner) : IStateStore, IRestorableStore
{
    private long _streamTime = long.MinValue;
    private long _minTimestamp = long.MaxValue;
    private uint _seq;
    private bool _scanned;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    /// <summary>The largest stream-record timestamp the join has seen.</summary>
    public long StreamTime
    {
        get
        {
            EnsureScanned();
            return _streamTime;
        }
    }

    public void Init(IStateStoreContext context) => inner.Init(context);

    public void Observe(long timestamp)
    {
        EnsureScanned();
        _streamTime = Math.Max(_streamTime, timestamp);
    }

    public void Put(long timestamp, byte[] key, byte[] value, Headers? headers)
    {
        EnsureScanned();
        inner.Put(JoinKeyCodec.TimeKey(timestamp, _seq++), BufferedRecordCodec.Encode(key, value, headers));
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

        foreach (var (k, v) in inner.Range(null, JoinKeyCodec.TimeKey(deadline, uint.MaxValue)))
        {
            var (key, value, headers) = BufferedRecordCodec.Decode(v);
            evicted.Add((JoinKeyCodec.ReadTimestamp(k), key, value, headers));
            inner.Put(k, null);
        }

        // Whatever is left is newer than the deadline.
        _minTimestamp = deadline + 1;
        return evicted;
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        RestorableStore.Of(inner).Restore(batch);

        // Derived state (stream time, sequence, earliest timestamp) is rebuilt from the restored entries on next use.
        _scanned = false;
    }

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    private void EnsureScanned()
    {
        if (_scanned)
        {
            return;
        }

        _scanned = true;
        foreach (var (k, _) in inner.Range(null, null))
        {
            var timestamp = JoinKeyCodec.ReadTimestamp(k);
            _streamTime = Math.Max(_streamTime, timestamp);
            _minTimestamp = Math.Min(_minTimestamp, timestamp);
            _seq = Math.Max(_seq, JoinKeyCodec.ReadSeq(k) + 1);
        }
    }
}
