using RiskStreams.Streams.Internal.Runtime;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>Reads the latest value of a key-value store (a task store, or a global store through the task's fallback).</summary>
internal sealed class KeyValueTableLookup<TKey, TValue>(string storeName) : ITableLookup<TKey, TValue>
{
    private IReadOnlyKeyValueStore<TKey, TValue> _store = null!;

    public void Init(TaskContext context) =>
        _store = context.GetStore(storeName) as IReadOnlyKeyValueStore<TKey, TValue>
            ?? throw new InvalidOperationException($"Store '{storeName}' is not a key-value store of <{typeof(TKey).Name}, {typeof(TValue).Name}>.");

    public bool TryGet(TKey key, long asOfTimestamp, out TValue value) => _store.TryGet(key, out value);
}
