using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Graph;

/// <summary>A node of the logical topology; instantiated once per task as a <see cref="RuntimeNode"/>.</summary>
internal abstract class GraphNode(string name)
{
    public string Name { get; } = name;

    public List<GraphNode> Parents { get; } = [];

    public List<GraphNode> Children { get; } = [];

    public List<string> StoreNames { get; } = [];

    public abstract NodeKind Kind { get; }

    public abstract RuntimeNode CreateRuntime();
}

internal enum NodeKind
{
    Source,
    Processor,
    Sink,
}
