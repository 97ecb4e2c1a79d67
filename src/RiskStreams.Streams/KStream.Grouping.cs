using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams;

public sealed partial class KStream<TKey, TValue>
{
    /// <summary>Groups by the current key; repartitions first if an earlier step changed the key.</summary>
    public KGroupedStream<TKey, TValue> GroupByKey(Grouped<TKey, TValue>? grouped = null)
    {
        var keySerde = grouped?.KeySerde ?? KeySerde;
        var valueSerde = grouped?.ValueSerde ?? ValueSerde;
        var stream = RepartitionRequired ? RepartitionThrough(grouped?.Name, keySerde, valueSerde) : this;
        return new KGroupedStream<TKey, TValue>(stream.Builder, stream.Node, keySerde, valueSerde);
    }

    /// <summary>Groups by a new key computed from each record (always repartitions).</summary>
    public KGroupedStream<TNewKey, TValue> GroupBy<TNewKey>(Func<TKey, TValue, TNewKey> selector, Grouped<TNewKey, TValue>? grouped = null)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var rekeyed = SelectKey(selector);
        return rekeyed.GroupByKey(grouped ?? new Grouped<TNewKey, TValue>(null, ValueSerde));
    }

    /// <summary>
    /// Writes the stream to <c>{applicationId}-{name}-repartition</c> and reads it back, so records
    /// with the same new key meet in the same partition (and task).
    /// </summary>
    internal KStream<TKey, TValue> RepartitionThrough(string? name, Serde<TKey>? keySerde, Serde<TValue>? valueSerde)
    {
        var b = Builder.Internal;
        var baseName = name ?? b.NewName("KSTREAM-AGGREGATE-STATE-STORE");
        var topic = $"{baseName}-repartition";
        keySerde ??= KeySerde ?? throw StoreFactory.MissingSerde(topic, "key");
        valueSerde ??= ValueSerde ?? throw StoreFactory.MissingSerde(topic, "value");
        b.RepartitionTopics.Add(topic);
        var filter = Filter((k, _) => k is not null, $"{baseName}-repartition-filter");
        b.AddNode(new SinkGraphNode<TKey, TValue>($"{baseName}-repartition-sink", topic, keySerde, valueSerde), filter.Node);
        var source = b.AddNode(new SourceGraphNode<TKey, TValue>($"{baseName}-repartition-source", [topic], keySerde, valueSerde, null));
        return new KStream<TKey, TValue>(Builder, source, keySerde, valueSerde, repartitionRequired: false);
    }
}
