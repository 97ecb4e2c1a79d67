namespace RiskStreams.Streams;

public sealed partial class KStream<TKey, TValue>
{
    /// <summary>
    /// Writes the stream to <c>{applicationId}-{name}-repartition</c> and reads it back (Kafka Streams' <c>repartition</c>),
    /// so records with the same key meet in the same partition and task. Use it once where several operators (an aggregation
    /// and a join, say) need the re-keyed stream: each of them repartitioning on its own would write every record twice.
    /// </summary>
    /// <param name="name">Base name of the topic and of its sink and source nodes.</param>
    /// <param name="keySerde">Key serde of the topic (default: the stream's).</param>
    /// <param name="valueSerde">Value serde of the topic (default: the stream's).</param>
    public KStream<TKey, TValue> Repartition(string name, Serde<TKey>? keySerde = null, Serde<TValue>? valueSerde = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return RepartitionThrough(name, keySerde, valueSerde);
    }
}
