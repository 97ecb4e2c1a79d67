using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams;

/// <summary>A changelog stream read as a table: the latest value per key. Downstream nodes receive each row change.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed partial class KTable<TKey, TValue>
{
    internal KTable(StreamsBuilder builder, GraphNode node, Serde<TKey>? keySerde, Serde<TValue>? valueSerde, string? storeName)
    {
        Builder = builder;
        Node = node;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
        QueryableStoreName = storeName;
    }

    /// <summary>Name of the store holding this table, or null when it is not materialized.</summary>
    public string? QueryableStoreName { get; }

    internal StreamsBuilder Builder { get; }

    internal GraphNode Node { get; }

    internal Serde<TKey>? KeySerde { get; }

    internal Serde<TValue>? ValueSerde { get; }

    /// <summary>The stream of updates (each row's new value; null for a deleted row).</summary>
    public KStream<TKey, TValue> ToStream(string? name = null)
    {
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, Change<TValue>, TKey, TValue>(name ?? Builder.Internal.NewName("KTABLE-TOSTREAM"),
                () => new LambdaProcessor<TKey, Change<TValue>, TKey, TValue>((r, c) => c.Forward(r.WithValue(r.Value.NewValue)))),
            Node);
        return new KStream<TKey, TValue>(Builder, node, KeySerde, ValueSerde, repartitionRequired: false);
    }

    /// <summary>A table of the rows matching <paramref name="predicate"/> (a row that stops matching is deleted downstream).</summary>
    public KTable<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, Change<TValue>, TKey, Change<TValue>>(name ?? Builder.Internal.NewName("KTABLE-FILTER"),
                () => new LambdaProcessor<TKey, Change<TValue>, TKey, Change<TValue>>((r, c) =>
                {
                    var change = r.Value;
                    var newValue = change.NewValue is not null && predicate(r.Key, change.NewValue) ? change.NewValue : default!;
                    var oldValue = change.OldValue is not null && predicate(r.Key, change.OldValue) ? change.OldValue : default!;
                    if (newValue is not null || oldValue is not null)
                    {
                        c.Forward(r.WithValue(new Change<TValue>(newValue, oldValue)));
                    }
                })),
            Node);
        return new KTable<TKey, TValue>(Builder, node, KeySerde, ValueSerde, storeName: null);
    }

    /// <summary>A table with each value mapped.</summary>
    public KTable<TKey, TNewValue> MapValues<TNewValue>(Func<TKey, TValue, TNewValue> mapper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, Change<TValue>, TKey, Change<TNewValue>>(name ?? Builder.Internal.NewName("KTABLE-MAPVALUES"),
                () => new LambdaProcessor<TKey, Change<TValue>, TKey, Change<TNewValue>>((r, c) => c.Forward(r.WithValue(new Change<TNewValue>(
                    r.Value.NewValue is null ? default! : mapper(r.Key, r.Value.NewValue),
                    r.Value.OldValue is null ? default! : mapper(r.Key, r.Value.OldValue)))))),
            Node);
        return new KTable<TKey, TNewValue>(Builder, node, KeySerde, null, storeName: null);
    }
}
