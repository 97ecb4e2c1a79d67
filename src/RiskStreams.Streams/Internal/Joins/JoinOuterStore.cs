using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// The shared buffer of a left or outer stream-stream join: records of either side that found no partner yet, keyed
/// [timestamp][side][key][seq] so they are visited in time order. An entry leaves when a partner arrives or when its
/// window closes and it is emitted with a missing partner.
/// </summary>
internal sealed class JoinOuterStore(IKeyValueBytesStore inner) : IStateStore, IRestorableStore
{
    private uint _seq;
    private long _minTimestamp = long.MaxValue;
    private bool _scanned;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    /// <summary>The smallest timestamp buffered (long.MaxValue when empty).</summary>
    public long MinTimestamp
    {
        get
        {
            EnsureScanned();
            return _minTimestamp;
        }
    }

    public void Init(IStateStoreContext context) => inner.Init(context);

    public void Put(long timestamp, bool leftSide, byte[] key, byte[] value)
    {
        EnsureScanned();
        inner.Put(JoinKeyCodec.OuterKey(timestamp, leftSide, key, _seq++), value);
        _minTimestamp = Math.Min(_minTimestamp, timestamp);
    }

    /// <summary>Removes every buffered record of <paramref name="key"/> at <paramref name="timestamp"/> on one side (it found a partner).</summary>
    public void RemoveAll(long timestamp, bool leftSide, byte[] key)
    {
        foreach (var (k, _) in inner.Range(JoinKeyCodec.OuterKey(timestamp, leftSide, key, 0), JoinKeyCodec.OuterKey(timestamp, leftSide, key, uint.MaxValue)))
        {
            inner.Put(k, null);
        }
    }

    /// <summary>Every buffered record in key order (a snapshot: callers may delete while iterating).</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> All() => inner.Range(null, null);

    public void Delete(byte[] rawKey) => inner.Put(rawKey, null);

    /// <summary>Sets the smallest timestamp still buffered after an emission pass.</summary>
    public void ResetMinTimestamp(long timestamp) => _minTimestamp = timestamp;

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
            _minTimestamp = Math.Min(_minTimestamp, JoinKeyCodec.ReadTimestamp(k));
            _seq = Math.Max(_seq, JoinKeyCodec.ReadSeq(k) + 1);
        }
    }
}
