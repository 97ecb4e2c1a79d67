using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams;

/// <summary>A stream grouped by key, ready for aggregation (plain or windowed).</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed partial class KGroupedStream<TKey, TValue>
{
    internal KGroupedStream(StreamsBuilder builder, GraphNode node, Serde<TKey>? keySerde, Serde<TValue>? valueSerde)
    {
        Builder = builder;
        Node = node;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
    }

    internal StreamsBuilder Builder { get; }

    internal GraphNode Node { get; }

    internal Serde<TKey>? KeySerde { get; }

    internal Serde<TValue>? ValueSerde { get; }

    /// <summary>Counts records per key (null keys and values are skipped).</summary>
    public KTable<TKey, long> Count(Materialized<TKey, long>? materialized = null) =>
        Aggregate(() => 0L, (_, _, count) => count + 1, (materialized ?? new Materialized<TKey, long>()) with
        {
            ValueSerde = materialized?.ValueSerde ?? Serdes.Long,
        }, "KSTREAM-COUNT");

    /// <summary>Combines the values of each key with <paramref name="reducer"/> (first value kept as is).</summary>
    public KTable<TKey, TValue> Reduce(Func<TValue, TValue, TValue> reducer, Materialized<TKey, TValue>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        var m = materialized ?? new Materialized<TKey, TValue>();
        var storeName = m.StoreName ?? Builder.Internal.NewName("KSTREAM-REDUCE-STATE-STORE");
        var store = StoreFactory.KeyValue(storeName, m, KeySerde, ValueSerde);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, Change<TValue>>(Builder.Internal.NewName("KSTREAM-REDUCE"),
                () => new KStreamAggregateProcessor<TKey, TValue, TValue>(storeName, (_, value, had, current) => had ? reducer(current, value) : value)),
            Node);
        Builder.Internal.AddStore(store, node.Name);
        return new KTable<TKey, TValue>(Builder, node, store.KeySerdeForTable, store.ValueSerdeForTable, storeName);
    }

    /// <summary>Folds the values of each key into an aggregate starting from <paramref name="initializer"/>.</summary>
    public KTable<TKey, TAggregate> Aggregate<TAggregate>(Func<TAggregate> initializer, Func<TKey, TValue, TAggregate, TAggregate> aggregator, Materialized<TKey, TAggregate>? materialized = null) =>
        Aggregate(initializer, aggregator, materialized, "KSTREAM-AGGREGATE");

    private KTable<TKey, TAggregate> Aggregate<TAggregate>(Func<TAggregate> initializer, Func<TKey, TValue, TAggregate, TAggregate> aggregator, Materialized<TKey, TAggregate>? materialized, string prefix)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(aggregator);
        var m = materialized ?? new Materialized<TKey, TAggregate>();
        var storeName = m.StoreName ?? Builder.Internal.NewName($"{prefix}-STATE-STORE");
        var store = StoreFactory.KeyValue(storeName, m, KeySerde, null);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, Change<TAggregate>>(Builder.Internal.NewName(prefix),
                () => new KStreamAggregateProcessor<TKey, TValue, TAggregate>(storeName, (key, value, had, current) => aggregator(key, value, had ? current : initializer()))),
            Node);
        Builder.Internal.AddStore(store, node.Name);
        return new KTable<TKey, TAggregate>(Builder, node, store.KeySerdeForTable, store.ValueSerdeForTable, storeName);
    }
}
