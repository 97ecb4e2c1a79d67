using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>Combines each record's value with its key's current value and forwards the change.</summary>
internal sealed class KStreamReduceProcessor<TKey, TValue>(string storeName, Func<TValue, TValue, TValue> reducer) : IProcessor<TKey, TValue, TKey, Change<TValue>>
{
    private IProcessorContext<TKey, Change<TValue>> _context = null!;
    private IKeyValueStore<TKey, TValue> _store = null!;

    public void Init(IProcessorContext<TKey, Change<TValue>> context)
    {
        _context = context;
        _store = context.GetStateStore<IKeyValueStore<TKey, TValue>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null || record.Value is null)
        {
            return;
        }

        var had = _store.TryGet(record.Key, out var old);
        var updated = had ? reducer(old, record.Value) : record.Value;
        _store.Put(record.Key, updated);
        _context.Forward(record.WithValue(new Change<TValue>(updated, had ? old : default!)));
    }
}
