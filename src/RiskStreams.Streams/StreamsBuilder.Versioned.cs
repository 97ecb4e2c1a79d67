using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial class StreamsBuilder
{
    /// <summary>A table materialized in a versioned store (chosen by <see cref="Table{TKey, TValue}"/> when the supplier is versioned).</summary>
    private KTable<TKey, TValue> VersionedTable<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, Materialized<TKey, TValue> materialized)
    {
        var supplier = materialized.VersionedStoreSupplier ?? throw new ArgumentException("The materialization is not versioned.", nameof(materialized));
        if (materialized.KeyValueStoreSupplier is not null || (materialized.StoreName is { } name && name != supplier.Name))
        {
            throw new InvalidOperationException(
                $"Table of '{topic}' names both a versioned store '{supplier.Name}' and another store; use Materialized.As(versionedSupplier) alone.");
        }

        var stream = Stream(topic, consumed);
        var keySerde = materialized.KeySerde ?? consumed.KeySerde ?? throw StoreFactory.MissingSerde(supplier.Name, "key");
        var valueSerde = materialized.ValueSerde ?? consumed.ValueSerde ?? throw StoreFactory.MissingSerde(supplier.Name, "value");
        var store = Stores.VersionedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
        if (!materialized.LoggingEnabled)
        {
            store = store.WithLoggingDisabled();
        }

        var storeName = supplier.Name;
        var node = Internal.AddNode(
            new RuntimeFactoryGraphNode(Internal.NewName("KTABLE-SOURCE"), n => new VersionedKTableSourceNode<TKey, TValue>(n, storeName)),
            stream.Node);
        Internal.AddStore(store, node.Name);
        return new KTable<TKey, TValue>(this, node, keySerde, valueSerde, storeName);
    }
}
