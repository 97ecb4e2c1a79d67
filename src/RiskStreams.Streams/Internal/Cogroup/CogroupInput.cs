using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams.Internal.Cogroup;

/// <summary>One grouped stream of a cogroup with its aggregator, hiding its value type so streams of different values fold into one aggregate.</summary>
internal abstract class CogroupInput<TKey, TAggregate>
{
    public abstract GraphNode Node { get; }

    public abstract Serde<TKey>? KeySerde { get; }

    /// <summary>Adds the node folding this input into the key-value store <paramref name="storeName"/>.</summary>
    public abstract GraphNode AddAggregateNode(InternalTopologyBuilder builder, string name, string storeName, Func<TAggregate> initializer);

    /// <summary>Adds the node folding this input into the windows of the window store <paramref name="storeName"/>.</summary>
    public abstract GraphNode AddWindowAggregateNode(InternalTopologyBuilder builder, string name, string storeName, TimeWindows? timeWindows, SlidingWindows? slidingWindows, Func<TAggregate> initializer);
}
