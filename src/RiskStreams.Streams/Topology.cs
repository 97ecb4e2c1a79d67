using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams;

/// <summary>A built, immutable topology: sub-topologies of sources, processors, sinks and stores, plus global stores.</summary>
public sealed class Topology
{
    internal Topology(
        IReadOnlyList<Subtopology> subtopologies,
        IReadOnlySet<string> repartitionTopics,
        IReadOnlyList<GlobalStoreTopology>? globalStores = null,
        IReadOnlyList<IReadOnlySet<string>>? copartitionGroups = null)
    {
        Subtopologies = subtopologies;
        RepartitionTopics = repartitionTopics;
        GlobalStores = globalStores ?? [];
        CopartitionGroups = copartitionGroups ?? [];
    }

    internal IReadOnlyList<Subtopology> Subtopologies { get; }

    internal IReadOnlyList<GlobalStoreTopology> GlobalStores { get; }

    /// <summary>Internal topics this topology writes and reads back (without the application-id prefix).</summary>
    public IReadOnlySet<string> RepartitionTopics { get; }

    /// <summary>Every topic read by a source of a sub-topology (global-store topics excluded).</summary>
    public IEnumerable<string> SourceTopics => Subtopologies.SelectMany(s => s.SourceTopics);

    /// <summary>Names of all state stores owned by tasks (global stores excluded).</summary>
    public IEnumerable<string> StoreNames => Subtopologies.SelectMany(s => s.Stores).Select(s => s.Name);

    /// <summary>Topics read in full (every partition, by every instance) into global stores; they are the stores' changelogs.</summary>
    public IEnumerable<string> GlobalTopics => GlobalStores.Select(g => g.Topic);

    /// <summary>Names of the global stores, readable by every task.</summary>
    public IEnumerable<string> GlobalStoreNames => GlobalStores.Select(g => g.Store.Name);

    /// <summary>
    /// Groups of topics that must have the same number of partitions because their records are joined by key
    /// (the inputs of stream-stream and stream-table joins). Repartition topics appear without the application-id
    /// prefix (see <see cref="ResolveTopic"/>) and should be created with the partition count of their group;
    /// the runtime checks the others at start.
    /// </summary>
    public IReadOnlyList<IReadOnlySet<string>> CopartitionGroups { get; }

    /// <summary>The real name of a topology topic: internal (repartition) topics get the <c>{applicationId}-</c> prefix.</summary>
    public string ResolveTopic(string applicationId, string topic) => RepartitionTopics.Contains(topic) ? $"{applicationId}-{topic}" : topic;

    /// <summary>Sub-topologies, global stores, nodes, stores and topics, printable as text or Mermaid.</summary>
    public TopologyDescription Describe() => new(this);
}
