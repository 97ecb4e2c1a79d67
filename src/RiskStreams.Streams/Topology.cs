using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams;

/// <summary>A built, immutable topology: sub-topologies of sources, processors, sinks and stores.</summary>
public sealed class Topology
{
    internal Topology(IReadOnlyList<Subtopology> subtopologies, IReadOnlySet<string> repartitionTopics)
    {
        Subtopologies = subtopologies;
        RepartitionTopics = repartitionTopics;
    }

    internal IReadOnlyList<Subtopology> Subtopologies { get; }

    /// <summary>Internal topics this topology writes and reads back (without the application-id prefix).</summary>
    public IReadOnlySet<string> RepartitionTopics { get; }

    /// <summary>Every topic read by a source.</summary>
    public IEnumerable<string> SourceTopics => Subtopologies.SelectMany(s => s.SourceTopics);

    /// <summary>Names of all state stores.</summary>
    public IEnumerable<string> StoreNames => Subtopologies.SelectMany(s => s.Stores).Select(s => s.Name);

    /// <summary>The real name of a topology topic: internal (repartition) topics get the <c>{applicationId}-</c> prefix.</summary>
    public string ResolveTopic(string applicationId, string topic) => RepartitionTopics.Contains(topic) ? $"{applicationId}-{topic}" : topic;

    /// <summary>Sub-topologies, nodes, stores and topics, printable as text or Mermaid.</summary>
    public TopologyDescription Describe() => new(this);
}
