using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// The shared buffer of a left or outer stream-stream join: records of either side that found no partner yet, keyed
/// [timestamp][side][key][seq] so they are visited in time order. An entry leaves when a partner arrives or when its
/// window closes and it is emitted with a missing partner.
/// </summary>
internal sealed class JoinOuterStore(IKeyValueBytesStore inner) : JoinBufferStore(inner)
{
    private long _minTimestamp = long.MaxValue;

    /// <summary>The smallest timestamp buffered (long.MaxValue when empty).</summary>
    public long MinTimestamp
    {
        get
        {
            EnsureScanned();
            return _minTimestamp;
        }
    }

    public void Put(long timestamp, bool leftSide, byte[] key, byte[] value)
    {
        EnsureScanned();
        Inner.Put(JoinKeyCodec.OuterKey(timestamp, leftSide, key, NextSeq()), value);
        _minTimestamp = Math.Min(_minTimestamp, timestamp);
    }

    /// <summary>Removes every buffered record of <paramref name="key"/> at <paramref name="timestamp"/> on one side (it found a partner).</summary>
    public void RemoveAll(long timestamp, bool leftSide, byte[] key)
    {
        foreach (var (k, _) in Inner.Range(JoinKeyCodec.OuterKey(timestamp, leftSide, key, 0), JoinKeyCodec.OuterKey(timestamp, leftSide, key, uint.MaxValue)))
        {
            Inner.Put(k, null);
        }
    }

    /// <summary>Every buffered record in key order (a snapshot: callers may delete while iterating).</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> All() => Inner.Range(null, null);

    public void Delete(byte[] rawKey) => Inner.Put(rawKey, null);

    /// <summary>Sets the smallest timestamp still buffered after an emission pass.</summary>
    public void ResetMinTimestamp(long timestamp) => _minTimestamp = timestamp;

    protected override void Rescan(byte[] key) => _minTimestamp = Math.Min(_minTimestamp, JoinKeyCodec.ReadTimestamp(key));
}
