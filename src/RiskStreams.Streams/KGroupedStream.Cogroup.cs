using RiskStreams.Streams.Internal.Cogroup;

namespace RiskStreams.Streams;

public sealed partial class KGroupedStream<TKey, TValue>
{
    /// <summary>
    /// Starts a cogroup: this stream and the streams added with <see cref="CogroupedKStream{TKey, TAggregate}.Cogroup"/>
    /// fold into one aggregate per key (one store), each with its own aggregator.
    /// </summary>
    public CogroupedKStream<TKey, TAggregate> Cogroup<TAggregate>(Func<TKey, TValue, TAggregate, TAggregate> aggregator)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return new CogroupedKStream<TKey, TAggregate>(Builder, [new CogroupStreamInput<TKey, TValue, TAggregate>(this, aggregator)]);
    }
}
