using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// What the join buffers share: a key-value bytes store whose keys end in an arrival sequence number, and state
/// derived from the stored keys (stream time, earliest timestamp, next sequence) that is rebuilt by one scan on first
/// use — after a restart or a restore the store holds records this instance never saw.
/// </summary>
internal abstract class JoinBufferStore(IKeyValueBytesStore inner) : IStateStore, IRestorableStore
{
    private uint _seq;
    private bool _scanned;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    protected IKeyValueBytesStore Inner => inner;

    public void Init(IStateStoreContext context) => inner.Init(context);

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        RestorableStore.Of(inner).Restore(batch);
        _scanned = false;
    }

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    /// <summary>The next arrival sequence number (keeps duplicates apart and in arrival order).</summary>
    protected uint NextSeq()
    {
        EnsureScanned();
        return _seq++;
    }

    /// <summary>Rebuilds the derived state from every stored key, once per open or restore.</summary>
    protected void EnsureScanned()
    {
        if (_scanned)
        {
            return;
        }

        _scanned = true;
        foreach (var (k, _) in inner.Range(null, null))
        {
            Rescan(k);
            _seq = Math.Max(_seq, JoinKeyCodec.ReadSeq(k) + 1);
        }
    }

    /// <summary>Folds one stored key into the derived state.</summary>
    protected abstract void Rescan(byte[] key);
}
