using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The real source topics of one sub-topology and their common partition count. A task of the sub-topology reads the
/// same partition of every one of them; the first (the anchor) is the one the consumer group assigns, and the
/// others follow it so a task's partitions always live together. Each logged store has a changelog topic with as many
/// partitions; a task's store writes to and restores from the task's partition of it.
/// </summary>
internal sealed record SubtopologyPlan(Subtopology Subtopology, IReadOnlyList<string> SourceTopics, int Partitions)
{
    public int Id => Subtopology.Id;

    /// <summary>Changelog topic of each logged store of the sub-topology, by store name.</summary>
    public IReadOnlyDictionary<string, string> ChangelogTopics { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string AnchorTopic => SourceTopics[0];
}
