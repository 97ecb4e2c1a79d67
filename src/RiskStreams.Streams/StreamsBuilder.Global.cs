using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;
using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial class StreamsBuilder
{
    /// <summary>
    /// A global table of <paramref name="topic"/>: every instance reads all its partitions into a global store
    /// (no changelog; the topic itself restores the store), and every task can read it.
    /// </summary>
    public GlobalKTable<TKey, TValue> GlobalTable<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, Materialized<TKey, TValue>? materialized = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(consumed);
        if (materialized?.VersionedStoreSupplier is not null)
        {
            throw new InvalidOperationException($"Global table of '{topic}' cannot be versioned (Kafka Streams supports versioned stores for KTables only).");
        }

        var storeName = materialized?.StoreName ?? Internal.NewName($"{topic}-STATE-STORE");

        // One updater writes while every task reads, so the bytes store is synchronized.
        var m = (materialized ?? new Materialized<TKey, TValue>()) with { StoreName = storeName };
        m = m with { KeyValueStoreSupplier = new SynchronizedKeyValueBytesStoreSupplier(m.KeyValueStoreSupplier ?? Stores.InMemoryKeyValueStore(storeName)) };
        var store = StoreFactory.KeyValue(storeName, m, consumed.KeySerde, consumed.ValueSerde).WithLoggingDisabled();
        var source = new SourceGraphNode<TKey, TValue>(
            consumed.Name ?? Internal.NewName("KSTREAM-SOURCE"), [topic], consumed.KeySerde, consumed.ValueSerde, consumed.TimestampExtractor);
        var processor = new ProcessorGraphNode<TKey, TValue, TKey, Change<TValue>>(
            Internal.NewName("KTABLE-SOURCE"), () => new KTableSourceProcessor<TKey, TValue>(storeName));
        Internal.AddGlobalStore(source, processor, store);
        return new GlobalKTable<TKey, TValue>(this, storeName, store.KeySerdeForTable, store.ValueSerdeForTable);
    }
}
