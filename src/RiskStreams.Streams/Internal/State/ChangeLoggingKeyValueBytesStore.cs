using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>Writes every change to the inner store, then to the task's changelog collector; refuses a change too large for the changelog before either.</summary>
internal sealed class ChangeLoggingKeyValueBytesStore(IKeyValueBytesStore inner) : IKeyValueBytesStore, IRestorableStore
{
    private IStateStoreContext? _context;
    private ChangelogRecordLimit _limit;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long ApproximateCount => inner.ApproximateCount;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        _limit = ChangelogRecordLimit.Of(context);
        inner.Init(context);
    }

    public byte[]? Get(byte[] key) => inner.Get(key);

    public void Put(byte[] key, byte[]? value)
    {
        _limit.Check(Name, key, 0, value?.Length ?? 0);
        inner.Put(key, value);
        _context?.LogChange(Name, key, value, _context.StreamTime);
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to) => inner.Range(from, to);

    /// <summary>Changelog records go to the inner store only: they are in the changelog already.</summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();
}
