using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Graph;

/// <summary>A processor node whose runtime instance is a built-in operator node rather than a wrapped <see cref="IProcessor{TKeyIn, TValueIn, TKeyOut, TValueOut}"/>.</summary>
internal sealed class RuntimeFactoryGraphNode(string name, Func<string, RuntimeNode> factory) : GraphNode(name)
{
    public override NodeKind Kind => NodeKind.Processor;

    public override RuntimeNode CreateRuntime() => factory(Name);
}
