using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams;

/// <summary>
/// A record stream. Each operation adds a node and returns a new stream; nothing runs until the
/// topology is built and started. Key-changing operations mark the stream for repartitioning
/// before any grouping or join.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed partial class KStream<TKey, TValue>
{
    internal KStream(StreamsBuilder builder, GraphNode node, Serde<TKey>? keySerde, Serde<TValue>? valueSerde, bool repartitionRequired)
    {
        Builder = builder;
        Node = node;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
        RepartitionRequired = repartitionRequired;
    }

    internal StreamsBuilder Builder { get; }

    internal GraphNode Node { get; }

    internal Serde<TKey>? KeySerde { get; }

    internal Serde<TValue>? ValueSerde { get; }

    internal bool RepartitionRequired { get; }

    /// <summary>Keeps records matching <paramref name="predicate"/>.</summary>
    public KStream<TKey, TValue> Filter(Func<TKey, TValue, bool> predicate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Then<TKey, TValue>("KSTREAM-FILTER", name, (r, c) =>
        {
            if (predicate(r.Key, r.Value))
            {
                c.Forward(r);
            }
        }, KeySerde, ValueSerde, RepartitionRequired);
    }

    /// <summary>Drops records matching <paramref name="predicate"/>.</summary>
    public KStream<TKey, TValue> FilterNot(Func<TKey, TValue, bool> predicate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Filter((k, v) => !predicate(k, v), name);
    }

    /// <summary>Sets a new key computed from each record (marks the stream for repartitioning).</summary>
    public KStream<TNewKey, TValue> SelectKey<TNewKey>(Func<TKey, TValue, TNewKey> selector, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Then<TNewKey, TValue>("KSTREAM-KEY-SELECT", name, (r, c) => c.Forward(r.WithKey(selector(r.Key, r.Value))), null, ValueSerde, true);
    }

    /// <summary>Maps each record to a new key and value (marks the stream for repartitioning).</summary>
    public KStream<TNewKey, TNewValue> Map<TNewKey, TNewValue>(Func<TKey, TValue, KeyValuePair<TNewKey, TNewValue>> mapper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TNewKey, TNewValue>("KSTREAM-MAP", name, (r, c) =>
        {
            var (k, v) = mapper(r.Key, r.Value);
            c.Forward(new Record<TNewKey, TNewValue>(k, v, r.Timestamp) { Headers = r.Headers });
        }, null, null, true);
    }

    /// <summary>Maps each value, keeping the key (no repartitioning).</summary>
    public KStream<TKey, TNewValue> MapValues<TNewValue>(Func<TValue, TNewValue> mapper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return MapValues((_, v) => mapper(v), name);
    }

    /// <summary>Maps each value with read-only access to the key (no repartitioning).</summary>
    public KStream<TKey, TNewValue> MapValues<TNewValue>(Func<TKey, TValue, TNewValue> mapper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TKey, TNewValue>("KSTREAM-MAPVALUES", name, (r, c) => c.Forward(r.WithValue(mapper(r.Key, r.Value))), KeySerde, null, RepartitionRequired);
    }

    /// <summary>Maps each record to zero or more records (marks the stream for repartitioning).</summary>
    public KStream<TNewKey, TNewValue> FlatMap<TNewKey, TNewValue>(Func<TKey, TValue, IEnumerable<KeyValuePair<TNewKey, TNewValue>>> mapper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TNewKey, TNewValue>("KSTREAM-FLATMAP", name, (r, c) =>
        {
            foreach (var (k, v) in mapper(r.Key, r.Value))
            {
                c.Forward(new Record<TNewKey, TNewValue>(k, v, r.Timestamp) { Headers = r.Headers });
            }
        }, null, null, true);
    }

    /// <summary>Maps each value to zero or more values, keeping the key.</summary>
    public KStream<TKey, TNewValue> FlatMapValues<TNewValue>(Func<TValue, IEnumerable<TNewValue>> mapper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TKey, TNewValue>("KSTREAM-FLATMAPVALUES", name, (r, c) =>
        {
            foreach (var v in mapper(r.Value))
            {
                c.Forward(r.WithValue(v));
            }
        }, KeySerde, null, RepartitionRequired);
    }

    /// <summary>Runs <paramref name="action"/> on each record and passes it on unchanged.</summary>
    public KStream<TKey, TValue> Peek(Action<TKey, TValue> action, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Then<TKey, TValue>("KSTREAM-PEEK", name, (r, c) =>
        {
            action(r.Key, r.Value);
            c.Forward(r);
        }, KeySerde, ValueSerde, RepartitionRequired);
    }

    /// <summary>One stream of the records of this stream and <paramref name="other"/>.</summary>
    public KStream<TKey, TValue> Merge(KStream<TKey, TValue> other, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, TValue>(name ?? Builder.Internal.NewName("KSTREAM-MERGE"), () => new LambdaProcessor<TKey, TValue, TKey, TValue>((r, c) => c.Forward(r))),
            Node, other.Node);
        return new KStream<TKey, TValue>(Builder, node, KeySerde ?? other.KeySerde, ValueSerde ?? other.ValueSerde, RepartitionRequired || other.RepartitionRequired);
    }

    /// <summary>Splits the stream into named branches by predicates; each record goes to the first branch it matches.</summary>
    public BranchedKStream<TKey, TValue> Split(string? name = null) => new(this, name ?? Builder.Internal.NewName("KSTREAM-BRANCH"));

    /// <summary>Writes the stream to <paramref name="topic"/>.</summary>
    public void To(string topic, Produced<TKey, TValue>? produced = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var name = produced?.Name ?? Builder.Internal.NewName("KSTREAM-SINK");
        var keySerde = produced?.KeySerde ?? KeySerde ?? throw StoreFactory.MissingSerde(name, "key");
        var valueSerde = produced?.ValueSerde ?? ValueSerde ?? throw StoreFactory.MissingSerde(name, "value");
        Builder.Internal.AddNode(new SinkGraphNode<TKey, TValue>(name, topic, keySerde, valueSerde), Node);
    }

    /// <summary>Runs a custom processor (processor API) connected to the named stores.</summary>
    public KStream<TKeyOut, TValueOut> Process<TKeyOut, TValueOut>(Func<IProcessor<TKey, TValue, TKeyOut, TValueOut>> supplier, string? name = null, params string[] storeNames)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKeyOut, TValueOut>(name ?? Builder.Internal.NewName("KSTREAM-PROCESSOR"), supplier), Node);
        Builder.Internal.ConnectStore(storeNames, node.Name);
        return new KStream<TKeyOut, TValueOut>(Builder, node, null, null, repartitionRequired: true);
    }

    /// <summary>
    /// Runs a custom processor that keeps each record's key (Kafka Streams' <c>processValues</c>): it must forward records with
    /// the key it was given (not checked), so a grouping or join after it needs no repartition, unlike after
    /// <see cref="Process{TKeyOut, TValueOut}"/>.
    /// </summary>
    public KStream<TKey, TValueOut> ProcessValues<TValueOut>(Func<IProcessor<TKey, TValue, TKey, TValueOut>> supplier, string? name = null, params string[] storeNames)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, TValueOut>(name ?? Builder.Internal.NewName("KSTREAM-PROCESSVALUES"), supplier), Node);
        Builder.Internal.ConnectStore(storeNames, node.Name);
        return new KStream<TKey, TValueOut>(Builder, node, KeySerde, null, RepartitionRequired);
    }

    internal KStream<TNewKey, TNewValue> Then<TNewKey, TNewValue>(
        string prefix, string? name, Action<Record<TKey, TValue>, IProcessorContext<TNewKey, TNewValue>> process,
        Serde<TNewKey>? keySerde, Serde<TNewValue>? valueSerde, bool repartitionRequired)
    {
        var node = Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TNewKey, TNewValue>(name ?? Builder.Internal.NewName(prefix), () => new LambdaProcessor<TKey, TValue, TNewKey, TNewValue>(process)),
            Node);
        return new KStream<TNewKey, TNewValue>(Builder, node, keySerde, valueSerde, repartitionRequired);
    }
}
