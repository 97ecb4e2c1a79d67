using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial class KStream<TKey, TValue>
{
    /// <summary>
    /// Reads the stream as a changelog into a <b>versioned</b> table (Kafka Streams' <c>toTable</c> over a versioned store,
    /// KIP-914): each record becomes the version of its key at its timestamp, and stream-table joins read the table as of each
    /// stream record's own timestamp. Repartitions first (topic <c>{applicationId}-{name}-repartition</c>) if an earlier step
    /// changed the key.
    /// </summary>
    /// <param name="materialized">A versioned materialization (<see cref="Materialized.As{TKey, TValue}(IVersionedBytesStoreSupplier)"/>); its serdes default to the stream's.</param>
    /// <param name="name">Name of the table's source node (and base name of its repartition topic).</param>
    /// <exception cref="ArgumentException">The materialization is not versioned.</exception>
    public KTable<TKey, TValue> ToTable(Materialized<TKey, TValue> materialized, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(materialized);
        var supplier = materialized.VersionedStoreSupplier
            ?? throw new ArgumentException("ToTable needs a versioned materialization: Materialized.As(Stores.InMemoryVersionedKeyValueStore(...)).", nameof(materialized));
        var b = Builder.Internal;
        var nodeName = name ?? b.NewName("KSTREAM-TOTABLE");
        var keySerde = materialized.KeySerde ?? KeySerde ?? throw StoreFactory.MissingSerde(supplier.Name, "key");
        var valueSerde = materialized.ValueSerde ?? ValueSerde ?? throw StoreFactory.MissingSerde(supplier.Name, "value");
        var stream = RepartitionRequired ? RepartitionThrough(nodeName, keySerde, valueSerde) : this;
        var store = Stores.VersionedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
        if (!materialized.LoggingEnabled)
        {
            store = store.WithLoggingDisabled();
        }

        var storeName = supplier.Name;
        var node = b.AddNode(new RuntimeFactoryGraphNode(nodeName, n => new VersionedKTableSourceNode<TKey, TValue>(n, storeName)), stream.Node);
        b.AddStore(store, node.Name);
        return new KTable<TKey, TValue>(Builder, node, keySerde, valueSerde, storeName);
    }
}
