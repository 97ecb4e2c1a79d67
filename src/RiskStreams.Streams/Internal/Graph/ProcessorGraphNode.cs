using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Graph;

internal sealed class ProcessorGraphNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(string name, Func<IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>> supplier)
    : GraphNode(name)
{
    public override NodeKind Kind => NodeKind.Processor;

    public override RuntimeNode CreateRuntime() => new ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(Name, supplier(), StoreNames);
}
