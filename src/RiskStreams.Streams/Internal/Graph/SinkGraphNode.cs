using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Graph;

internal sealed class SinkGraphNode<TKey, TValue>(string name, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde) : GraphNode(name), ISinkGraphNode
{
    public string Topic { get; } = topic;

    public override NodeKind Kind => NodeKind.Sink;

    public override RuntimeNode CreateRuntime() => new SinkNode<TKey, TValue>(Name, Topic, keySerde, valueSerde);
}
