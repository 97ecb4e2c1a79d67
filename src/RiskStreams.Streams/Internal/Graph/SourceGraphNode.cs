using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Graph;

internal sealed class SourceGraphNode<TKey, TValue>(string name, IReadOnlyList<string> topics, Serde<TKey> keySerde, Serde<TValue> valueSerde, TimestampExtractor<TKey, TValue>? extractor)
    : GraphNode(name), ISourceGraphNode
{
    public IReadOnlyList<string> Topics { get; } = topics;

    public override NodeKind Kind => NodeKind.Source;

    public override RuntimeNode CreateRuntime() => new SourceNode<TKey, TValue>(Name, keySerde, valueSerde, extractor);
}
