using RiskStreams.Streams.Internal.Runtime;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>Reads the version valid at the stream record's timestamp (KIP-914), so a late table update is joined correctly.</summary>
internal sealed class VersionedTableLookup<TKey, TValue>(string storeName) : ITableLookup<TKey, TValue>
{
    private IVersionedKeyValueStore<TKey, TValue> _store = null!;

    public void Init(TaskContext context) =>
        _store = context.GetStore(storeName) as IVersionedKeyValueStore<TKey, TValue>
            ?? throw new InvalidOperationException($"Store '{storeName}' is not a versioned store of <{typeof(TKey).Name}, {typeof(TValue).Name}>.");

    public bool TryGet(TKey key, long asOfTimestamp, out TValue value)
    {
        var version = _store.Get(key, asOfTimestamp);
        value = version is null ? default! : version.Value;
        return version is not null;
    }
}
