using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// Folds each record into its key's current aggregate and forwards the change (emit on every
/// update). Serves count, reduce and aggregate: <c>fold(key, value, hadAggregate, aggregate)</c>.
/// </summary>
internal sealed class KStreamAggregateProcessor<TKey, TValue, TAggregate>(string storeName, Func<TKey, TValue, bool, TAggregate, TAggregate> fold)
    : IProcessor<TKey, TValue, TKey, Change<TAggregate>>
{
    private IProcessorContext<TKey, Change<TAggregate>> _context = null!;
    private IKeyValueStore<TKey, TAggregate> _store = null!;

    public void Init(IProcessorContext<TKey, Change<TAggregate>> context)
    {
        _context = context;
        _store = context.GetStateStore<IKeyValueStore<TKey, TAggregate>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        // Kafka Streams skips null keys and values in aggregations.
        if (record.Key is null || record.Value is null)
        {
            return;
        }

        var had = _store.TryGet(record.Key, out var old);
        var updated = fold(record.Key, record.Value, had, old);
        _store.Put(record.Key, updated);
        _context.Forward(record.WithValue(new Change<TAggregate>(updated, had ? old : default!)));
    }
}
