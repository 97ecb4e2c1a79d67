using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Graph;

/// <summary>A connected part of the topology: its nodes (in insertion order), source and sink topics, and stores.</summary>
internal sealed record Subtopology(
    int Id,
    IReadOnlyList<GraphNode> Nodes,
    IReadOnlyList<string> SourceTopics,
    IReadOnlyList<string> SinkTopics,
    IReadOnlyList<IStoreBuilder> Stores);
