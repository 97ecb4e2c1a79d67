using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams.Internal.Cogroup;

internal sealed class CogroupStreamInput<TKey, TValue, TAggregate>(KGroupedStream<TKey, TValue> grouped, Func<TKey, TValue, TAggregate, TAggregate> aggregator)
    : CogroupInput<TKey, TAggregate>
{
    public override GraphNode Node => grouped.Node;

    public override Serde<TKey>? KeySerde => grouped.KeySerde;

    public override GraphNode AddAggregateNode(InternalTopologyBuilder builder, string name, string storeName, Func<TAggregate> initializer) =>
        builder.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, Change<TAggregate>>(name,
                () => new KStreamAggregateProcessor<TKey, TValue, TAggregate>(storeName, Fold(initializer))),
            grouped.Node);

    public override GraphNode AddWindowAggregateNode(
        InternalTopologyBuilder builder, string name, string storeName, TimeWindows? timeWindows, SlidingWindows? slidingWindows, Func<TAggregate> initializer)
    {
        var fold = Fold(initializer);
        Func<IProcessor<TKey, TValue, Windowed<TKey>, Change<TAggregate>>> processor = timeWindows is not null
            ? () => new KStreamWindowAggregateProcessor<TKey, TValue, TAggregate>(storeName, timeWindows, EmitStrategyType.OnWindowUpdate, fold)
            : () => new KStreamSlidingWindowAggregateProcessor<TKey, TValue, TAggregate>(storeName, slidingWindows!, EmitStrategyType.OnWindowUpdate, fold);
        return builder.AddNode(new ProcessorGraphNode<TKey, TValue, Windowed<TKey>, Change<TAggregate>>(name, processor), grouped.Node);
    }

    private Func<TKey, TValue, bool, TAggregate, TAggregate> Fold(Func<TAggregate> initializer) =>
        (key, value, had, current) => aggregator(key, value, had ? current : initializer());
}
