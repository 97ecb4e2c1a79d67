using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Writes every stored version to the task's changelog with the version's own timestamp (so replaying the
/// changelog rebuilds the same history), then to the inner store.
/// </summary>
internal sealed class ChangeLoggingVersionedBytesStore(IVersionedBytesStore inner) : IVersionedBytesStore, IRestorableStore
{
    private IStateStoreContext? _context;
    private ChangelogRecordLimit _limit;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long HistoryRetentionMs => inner.HistoryRetentionMs;

    public long ApproximateCount => inner.ApproximateCount;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        _limit = ChangelogRecordLimit.Of(context);
        inner.Init(context);
    }

    public VersionedPutResult Put(byte[] key, byte[]? value, long timestamp)
    {
        _limit.Check(Name, key, 0, value?.Length ?? 0);
        var result = inner.Put(key, value, timestamp);
        if (result.Stored)
        {
            _context?.LogChange(Name, key, value, timestamp);
        }

        return result;
    }

    public VersionedRecord<byte[]>? Get(byte[] key) => inner.Get(key);

    public VersionedRecord<byte[]>? Get(byte[] key, long asOfTimestamp) => inner.Get(key, asOfTimestamp);

    /// <summary>Changelog records go to the inner store only: they are in the changelog already.</summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();
}
