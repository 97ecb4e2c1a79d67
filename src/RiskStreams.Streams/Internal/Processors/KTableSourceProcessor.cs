using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>Materializes a topic into a table: each record becomes the key's value (null deletes) and forwards the change.</summary>
internal sealed class KTableSourceProcessor<TKey, TValue>(string storeName) : IProcessor<TKey, TValue, TKey, Change<TValue>>
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
        if (record.Key is null)
        {
            return;
        }

        _store.TryGet(record.Key, out var old);
        if (record.Value is null)
        {
            _store.Delete(record.Key);
        }
        else
        {
            _store.Put(record.Key, record.Value);
        }

        _context.Forward(record.WithValue(new Change<TValue>(record.Value, old)));
    }
}
