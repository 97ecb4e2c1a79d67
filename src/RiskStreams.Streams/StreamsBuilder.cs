using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

/// <summary>
/// Entry point of the DSL: each call adds nodes to a logical graph; <see cref="Build"/> turns it into a
/// <see cref="Topology"/> (sub-topologies, repartition topics, wiring checks).
/// </summary>
public sealed partial class StreamsBuilder
{
    internal InternalTopologyBuilder Internal { get; } = new();

    /// <summary>A stream of the records of <paramref name="topic"/>.</summary>
    public KStream<TKey, TValue> Stream<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed) => Stream([topic], consumed);

    /// <summary>One stream of the records of several topics.</summary>
    public KStream<TKey, TValue> Stream<TKey, TValue>(IReadOnlyList<string> topics, Consumed<TKey, TValue> consumed)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(consumed);
        if (topics.Count == 0 || topics.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A stream needs at least one non-empty topic name.", nameof(topics));
        }

        var source = Internal.AddNode(new SourceGraphNode<TKey, TValue>(
            consumed.Name ?? Internal.NewName("KSTREAM-SOURCE"), topics, consumed.KeySerde, consumed.ValueSerde, consumed.TimestampExtractor));
        return new KStream<TKey, TValue>(this, source, consumed.KeySerde, consumed.ValueSerde, repartitionRequired: false);
    }

    /// <summary>A table of the latest value per key of <paramref name="topic"/>, materialized in a store.</summary>
    public KTable<TKey, TValue> Table<TKey, TValue>(string topic, Consumed<TKey, TValue> consumed, Materialized<TKey, TValue>? materialized = null)
    {
        if (materialized?.VersionedStoreSupplier is not null)
        {
            return VersionedTable(topic, consumed, materialized);
        }

        var stream = Stream(topic, consumed);
        var storeName = materialized?.StoreName ?? Internal.NewName($"{topic}-STATE-STORE");
        var store = StoreFactory.KeyValue(storeName, materialized, consumed.KeySerde, consumed.ValueSerde);
        var node = Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, Change<TValue>>(Internal.NewName("KTABLE-SOURCE"), () => new KTableSourceProcessor<TKey, TValue>(storeName)),
            stream.Node);
        Internal.AddStore(store, node.Name);
        return new KTable<TKey, TValue>(this, node, consumed.KeySerde, consumed.ValueSerde, storeName);
    }

    /// <summary>Adds a store that processors added with <see cref="KStream{TKey, TValue}.Process"/> can name.</summary>
    public StreamsBuilder AddStateStore(IStoreBuilder store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Internal.AddStore(store);
        return this;
    }

    /// <summary>Builds the topology; fails with a clear message on a wiring error.</summary>
    public Topology Build() => Internal.BuildTopology();
}
