using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Cogroup;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams;

/// <summary>
/// Several grouped streams with the same key, each with its own aggregator, folding into one aggregate per key
/// held in one store (Kafka Streams' cogroup). The streams must be co-partitioned; they run in one sub-topology.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TAggregate">Aggregate type.</typeparam>
public sealed class CogroupedKStream<TKey, TAggregate>
{
    private readonly StreamsBuilder _builder;
    private readonly IReadOnlyList<CogroupInput<TKey, TAggregate>> _inputs;

    internal CogroupedKStream(StreamsBuilder builder, IReadOnlyList<CogroupInput<TKey, TAggregate>> inputs)
    {
        _builder = builder;
        _inputs = inputs;
    }

    /// <summary>Adds <paramref name="grouped"/>, folded into the same aggregate with <paramref name="aggregator"/>.</summary>
    public CogroupedKStream<TKey, TAggregate> Cogroup<TValue>(KGroupedStream<TKey, TValue> grouped, Func<TKey, TValue, TAggregate, TAggregate> aggregator)
    {
        ArgumentNullException.ThrowIfNull(grouped);
        ArgumentNullException.ThrowIfNull(aggregator);
        if (!ReferenceEquals(grouped.Builder, _builder))
        {
            throw new ArgumentException("A cogroup needs grouped streams of the same StreamsBuilder.", nameof(grouped));
        }

        foreach (var input in _inputs)
        {
            if (ReferenceEquals(input.Node, grouped.Node))
            {
                throw new ArgumentException($"The grouped stream of '{grouped.Node.Name}' is already in this cogroup.", nameof(grouped));
            }
        }

        return new CogroupedKStream<TKey, TAggregate>(_builder, [.. _inputs, new CogroupStreamInput<TKey, TValue, TAggregate>(grouped, aggregator)]);
    }

    /// <summary>Folds every input into one aggregate per key, starting from <paramref name="initializer"/>; every update is forwarded.</summary>
    public KTable<TKey, TAggregate> Aggregate(Func<TAggregate> initializer, Materialized<TKey, TAggregate>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        var b = _builder.Internal;
        var m = materialized ?? new Materialized<TKey, TAggregate>();
        var storeName = m.StoreName ?? b.NewName("COGROUPKSTREAM-AGGREGATE-STATE-STORE");
        var store = StoreFactory.KeyValue(storeName, m, KeySerde, null);
        var nodes = new GraphNode[_inputs.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = _inputs[i].AddAggregateNode(b, b.NewName("COGROUPKSTREAM-AGGREGATE"), storeName, initializer);
        }

        b.AddStore(store, [.. nodes.Select(n => n.Name)]);
        var merge = AddMerge<TKey>(nodes);
        return new KTable<TKey, TAggregate>(_builder, merge, store.KeySerdeForTable, store.ValueSerdeForTable, storeName);
    }

    /// <summary>Windows the cogroup by tumbling or hopping <paramref name="windows"/>.</summary>
    public TimeWindowedCogroupedKStream<TKey, TAggregate> WindowedBy(TimeWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new TimeWindowedCogroupedKStream<TKey, TAggregate>(this, windows, null);
    }

    /// <summary>Windows the cogroup by sliding <paramref name="windows"/>.</summary>
    public TimeWindowedCogroupedKStream<TKey, TAggregate> WindowedBy(SlidingWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new TimeWindowedCogroupedKStream<TKey, TAggregate>(this, null, windows);
    }

    internal StreamsBuilder Builder => _builder;

    internal IReadOnlyList<CogroupInput<TKey, TAggregate>> Inputs => _inputs;

    internal Serde<TKey>? KeySerde
    {
        get
        {
            foreach (var input in _inputs)
            {
                if (input.KeySerde is { } serde)
                {
                    return serde;
                }
            }

            return null;
        }
    }

    /// <summary>One node forwarding the updates of every input's aggregate node: the table's node.</summary>
    internal GraphNode AddMerge<TTableKey>(GraphNode[] aggregateNodes)
    {
        var b = _builder.Internal;
        return b.AddNode(
            new ProcessorGraphNode<TTableKey, Change<TAggregate>, TTableKey, Change<TAggregate>>(b.NewName("COGROUPKSTREAM-MERGE"),
                () => new LambdaProcessor<TTableKey, Change<TAggregate>, TTableKey, Change<TAggregate>>((r, c) => c.Forward(r))),
            aggregateNodes);
    }
}
