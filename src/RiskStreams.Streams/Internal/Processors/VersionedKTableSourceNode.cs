using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// Materializes a topic into a versioned table (Kafka Streams' KTable source over a versioned store, KIP-914):
/// every record becomes a version at its timestamp. Only an update that becomes the key's latest version is
/// forwarded downstream as a change; an out-of-order update is kept in the history (visible to as-of reads) but
/// changes nothing downstream, and an update older than the history retention is dropped and counted.
/// </summary>
internal sealed class VersionedKTableSourceNode<TKey, TValue>(string name, string storeName)
    : TaskProcessorNode<TKey, TValue, TKey, Change<TValue>>(name)
{
    private IVersionedKeyValueStore<TKey, TValue> _store = null!;

    public override void Receive(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            Context.RecordDropped("null-key");
            return;
        }

        var previous = _store.Get(record.Key);
        var result = _store.Put(record.Key, record.Value, record.Timestamp);
        if (!result.Stored)
        {
            Context.RecordDropped("expired-versioned-put");
        }
        else if (result.IsLatest)
        {
            Forward(record.WithValue(new Change<TValue>(record.Value, previous is null ? default! : previous.Value)));
        }
    }

    protected override void OnInit() => _store = Store<IVersionedKeyValueStore<TKey, TValue>>(storeName);
}
